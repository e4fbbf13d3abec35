#include "held_twice.hpp"

namespace bb::cli {

std::string id_cell(std::int64_t id, const std::set<std::int64_t>& twice) {
    return std::to_string(id) + (twice.count(id) != 0 ? "*" : "");
}

template <typename Record>
std::vector<std::string> held_twice_lines(Context& ctx, const std::set<std::int64_t>& twice,
                                          std::string_view noun, bool mark) {
    std::vector<std::string> out;
    for (std::int64_t id : twice) {
        out.push_back((mark ? "* " : "Note: ") +
                      storage::stored_twice(noun, id, ctx.store().places<Record>(id)) +
                      "; commands that take this ID refuse it until `bounceback doctor --fix` "
                      "gives one of them a new ID.");
    }
    return out;
}

template std::vector<std::string> held_twice_lines<Rejection>(Context&, const std::set<std::int64_t>&,
                                                              std::string_view, bool);
template std::vector<std::string> held_twice_lines<Win>(Context&, const std::set<std::int64_t>&,
                                                        std::string_view, bool);
template std::vector<std::string> held_twice_lines<Reflection>(Context&,
                                                               const std::set<std::int64_t>&,
                                                               std::string_view, bool);

} // namespace bb::cli
