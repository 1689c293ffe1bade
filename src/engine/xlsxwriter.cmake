# libxlsxwriter for the engine's workbooks. Natively: Debian's libxlsxwriter-dev. In WebAssembly:
# the same release's Debian source (with its bundled minizip) and zlib's Debian source, fetched by
# src/tools/install-deps.sh into third_party/ and compiled here with Emscripten.
if(PORTAL_WASM)
  set(_zlib "${PORTAL_THIRD_PARTY_DIR}/zlib")
  set(_lxw "${PORTAL_THIRD_PARTY_DIR}/libxlsxwriter")
  if(NOT EXISTS "${_lxw}/include/xlsxwriter.h" OR NOT EXISTS "${_zlib}/zlib.h")
    message(FATAL_ERROR "libxlsxwriter or zlib sources missing: run src/tools/install-deps.sh")
  endif()
  add_library(portal_zlib STATIC
    ${_zlib}/adler32.c ${_zlib}/crc32.c ${_zlib}/deflate.c ${_zlib}/trees.c ${_zlib}/zutil.c
    ${_zlib}/inflate.c ${_zlib}/inffast.c ${_zlib}/inftrees.c)
  target_include_directories(portal_zlib SYSTEM PUBLIC "${_zlib}")
  target_compile_options(portal_zlib PRIVATE -w)

  file(GLOB _lxw_sources "${_lxw}/src/*.c")
  add_library(portal_xlsxwriter STATIC ${_lxw_sources}
    ${_lxw}/third_party/minizip/ioapi.c ${_lxw}/third_party/minizip/zip.c
    ${_lxw}/third_party/tmpfileplus/tmpfileplus.c ${_lxw}/third_party/md5/md5.c)
  target_include_directories(portal_xlsxwriter SYSTEM PUBLIC "${_lxw}/include")
  # musl in Emscripten has no separate *64 file calls: minizip uses the plain ones.
  target_compile_definitions(portal_xlsxwriter PRIVATE USE_FILE32API NOCRYPT)
  target_compile_options(portal_xlsxwriter PRIVATE -w)
  target_link_libraries(portal_xlsxwriter PUBLIC portal_zlib)
  set(PORTAL_XLSXWRITER portal_xlsxwriter)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
  set(PORTAL_XLSXWRITER PkgConfig::XLSXWRITER)
endif()
