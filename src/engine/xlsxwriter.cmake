# libxlsxwriter for the engine's workbooks, built from Debian 12's source package (1.1.4, with its
# bundled minizip) that src/tools/install-deps.sh fetches into third_party/: the server and the
# browser compile the same release the same way, so they write the same bytes.
#
# That release writes each part to a temporary file and the package to a named file. Its `tmpfile`
# and `fopen` calls are mapped to memory streams (src/engine/xlsx_memory_file.*), so no workbook
# ever touches a file system. Natively zlib is Debian's; in WebAssembly, zlib's Debian source.
set(_lxw "${PORTAL_THIRD_PARTY_DIR}/libxlsxwriter")
if(NOT EXISTS "${_lxw}/include/xlsxwriter.h")
  message(FATAL_ERROR "libxlsxwriter sources missing: run src/tools/install-deps.sh")
endif()
if(PORTAL_WASM)
  set(_zlib "${PORTAL_THIRD_PARTY_DIR}/zlib")
  if(NOT EXISTS "${_zlib}/zlib.h")
    message(FATAL_ERROR "zlib sources missing: run src/tools/install-deps.sh")
  endif()
  add_library(portal_zlib STATIC
    ${_zlib}/adler32.c ${_zlib}/crc32.c ${_zlib}/deflate.c ${_zlib}/trees.c ${_zlib}/zutil.c
    ${_zlib}/inflate.c ${_zlib}/inffast.c ${_zlib}/inftrees.c ${_zlib}/compress.c ${_zlib}/uncompr.c)
  target_include_directories(portal_zlib SYSTEM PUBLIC "${_zlib}")
  target_compile_options(portal_zlib PRIVATE -w)
  set(_lxw_zlib portal_zlib)
else()
  find_package(ZLIB REQUIRED)
  set(_lxw_zlib ZLIB::ZLIB)
endif()

file(GLOB _lxw_sources "${_lxw}/src/*.c")
add_library(portal_xlsxwriter STATIC ${_lxw_sources}
  ${_lxw}/third_party/minizip/ioapi.c ${_lxw}/third_party/minizip/zip.c ${_lxw}/third_party/md5/md5.c)
target_include_directories(portal_xlsxwriter SYSTEM PUBLIC "${_lxw}/include")
# USE_FILE32API: minizip calls plain fopen (musl has no *64 calls; natively it is the same call).
# USE_STANDARD_TMPFILE: the library calls tmpfile() rather than its own tmpfileplus.
target_compile_definitions(portal_xlsxwriter PRIVATE
  USE_FILE32API NOCRYPT USE_STANDARD_TMPFILE
  tmpfile=portal_xlsx_memory_tmpfile fopen=portal_xlsx_memory_fopen)
target_compile_options(portal_xlsxwriter PRIVATE -w)
set_target_properties(portal_xlsxwriter PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_link_libraries(portal_xlsxwriter PUBLIC ${_lxw_zlib})
set(PORTAL_XLSXWRITER portal_xlsxwriter)
