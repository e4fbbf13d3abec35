# Writes OUTPUT, a C++ source defining FUNCTION (declared in HEADER): each DIR/*SUFFIX as
# {its name without SUFFIX, its text}, sorted by name. Embedded text lives in real files this way
# (the built-in email templates, the completion scripts). Run by the build through
# bb_embed_files() (cmake -P), never by hand.
file(GLOB files "${DIR}/*${SUFFIX}")
if(NOT files)
    message(FATAL_ERROR "${DIR}: no file ends in ${SUFFIX}")
endif()
list(SORT files)
string(LENGTH "${SUFFIX}" suffix_length)
set(entries "")
foreach(path IN LISTS files)
    get_filename_component(file_name "${path}" NAME)
    string(LENGTH "${file_name}" name_length)
    math(EXPR name_length "${name_length} - ${suffix_length}")
    string(SUBSTRING "${file_name}" 0 ${name_length} name)
    file(READ "${path}" text)
    string(FIND "${text}" ")bbfile\"" clash)
    if(NOT clash EQUAL -1)
        message(FATAL_ERROR "${path} contains the raw-string delimiter )bbfile\"")
    endif()
    string(APPEND entries "        {\"${name}\", R\"bbfile(${text})bbfile\"},\n")
endforeach()
get_filename_component(dir_name "${DIR}" NAME)
file(WRITE "${OUTPUT}.new" "// Generated from ${dir_name}/*${SUFFIX} by cmake/embed_files.cmake. Do not edit.
#include \"${HEADER}\"

std::span<const std::pair<std::string_view, std::string_view>> ${FUNCTION}() {
    static constexpr std::pair<std::string_view, std::string_view> files[] = {
${entries}    };
    return files;
}
")
file(COPY_FILE "${OUTPUT}.new" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.new")
