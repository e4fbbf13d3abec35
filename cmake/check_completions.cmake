# Fails when a completion script in DIR differs from what BIN prints: the committed scripts
# must be the ones the binary generates. Run by ctest (cmake -P), never by hand.
set(stale "")
foreach(pair "bash;bounceback.bash" "zsh;_bounceback" "fish;bounceback.fish")
    list(GET pair 0 shell)
    list(GET pair 1 file)
    execute_process(COMMAND "${BIN}" completion ${shell}
                    OUTPUT_VARIABLE printed RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "`bounceback completion ${shell}` failed with status ${status}")
    endif()
    set(committed "")
    if(EXISTS "${DIR}/${file}")
        file(READ "${DIR}/${file}" committed)
    endif()
    if(NOT committed STREQUAL printed)
        list(APPEND stale "completions/${file}")
    endif()
endforeach()
if(stale)
    list(JOIN stale ", " stale)
    message(FATAL_ERROR "${stale}: not what `bounceback completion` prints now (a command, an "
                        "option or a completions/*.in source changed). Regenerate them with "
                        "scripts/update-completions, then commit them.")
endif()
message(STATUS "completions/ matches `bounceback completion bash|zsh|fish`")
