// doctest's main for the engine suites (native and WebAssembly under node).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
