# Writes OUTPUT, a C++ source holding every TEMPLATE_DIR/*.mustache as a built-in template, so
# the binary works uninstalled. Run by the build (cmake -P), never by hand.
file(GLOB templates "${TEMPLATE_DIR}/*.mustache")
list(SORT templates)
set(entries "")
foreach(path IN LISTS templates)
    get_filename_component(name "${path}" NAME_WE)
    file(READ "${path}" text)
    string(FIND "${text}" ")bbtpl\"" clash)
    if(NOT clash EQUAL -1)
        message(FATAL_ERROR "${path} contains the raw-string delimiter )bbtpl\"")
    endif()
    string(APPEND entries "        {\"${name}\", \"built-in template ${name}\", R\"bbtpl(${text})bbtpl\"},\n")
endforeach()
file(WRITE "${OUTPUT}.new" "// Generated from templates/*.mustache by cmake/embed_templates.cmake. Do not edit.
#include \"bounceback/mail/template.hpp\"

namespace bb::mail {

const std::vector<TemplateSource>& builtin_templates() {
    static const std::vector<TemplateSource> templates = {
${entries}    };
    return templates;
}

} // namespace bb::mail
")
file(COPY_FILE "${OUTPUT}.new" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.new")
