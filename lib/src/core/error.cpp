#include "bounceback/core/error.hpp"

#include <cerrno>
#include <cstring>

namespace bb {

Error system_error(const std::string& action, const std::string& path, int errno_value) {
    const bool permission = errno_value == EACCES || errno_value == EPERM || errno_value == EROFS;
    return Error(permission ? ExitCode::no_perm : ExitCode::io,
                 action + " " + path + ": " + std::strerror(errno_value));
}

} // namespace bb
