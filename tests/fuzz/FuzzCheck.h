#pragma once

#include <cstdio>
#include <cstdlib>

// What a fuzz target asserts: when it does not hold, the target aborts, which libFuzzer reports as
// a crash with the input that caused it. Unlike Q_ASSERT, it also holds in release builds.
#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed\n", __FILE__, __LINE__,             \
                         #condition);                                                              \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)
