# Brotli for the lines payload version 2. Natively: Debian's libbrotli-dev. In WebAssembly: the
# same release's Debian source, fetched by src/tools/install-deps.sh into third_party/brotli and
# compiled here (the client only decodes, so the linker keeps the decoder alone).
if(PORTAL_WASM)
  set(_brotli "${PORTAL_THIRD_PARTY_DIR}/brotli/c")
  if(NOT EXISTS "${_brotli}/include/brotli/decode.h")
    message(FATAL_ERROR "brotli sources missing: run src/tools/install-deps.sh")
  endif()
  file(GLOB _brotli_sources "${_brotli}/common/*.c" "${_brotli}/dec/*.c" "${_brotli}/enc/*.c")
  add_library(portal_brotli STATIC ${_brotli_sources})
  target_include_directories(portal_brotli SYSTEM PUBLIC "${_brotli}/include")
  target_compile_options(portal_brotli PRIVATE -w -O2)
  set(PORTAL_BROTLI portal_brotli)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlienc libbrotlidec)
  set(PORTAL_BROTLI PkgConfig::BROTLI)
endif()
