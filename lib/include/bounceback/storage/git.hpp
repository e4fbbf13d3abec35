#pragma once
// Running the `git` program for `bounceback sync`: no shell, hooks off, nothing the remote or a
// repository's files could name ever runs, and what git creates in the data folder is private
// (umask 077).

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace bb::storage {

/// What one git command did.
struct GitResult {
    int status = 0;   ///< its exit status (128 + signal when a signal ended it)
    std::string out;  ///< its standard output
    std::string err;  ///< its standard error
};

/// git, run in one work tree.
class Git {
  public:
    /// git run with `-C work_tree`, and `env` added to its environment.
    explicit Git(std::filesystem::path work_tree, std::map<std::string, std::string> env = {});

    /// Whether a `git` program can be found on PATH.
    static bool available();

    /// Runs `git ARGS…` and returns what it did, whatever its exit status. Throws Error(software)
    /// only when git cannot be started at all.
    GitResult run(const std::vector<std::string>& args) const;

    /// Runs `git ARGS…` and returns its standard output. Throws Error(io) when git fails, with
    /// `what` and the last line git wrote to standard error.
    std::string must(const std::vector<std::string>& args, const std::string& what) const;

    /// Sets (or replaces) one variable of the environment git runs with.
    void set_env(const std::string& name, const std::string& value) { m_env[name] = value; }

    const std::filesystem::path& work_tree() const { return m_work_tree; }

  private:
    std::filesystem::path m_work_tree;
    std::map<std::string, std::string> m_env;
};

} // namespace bb::storage
