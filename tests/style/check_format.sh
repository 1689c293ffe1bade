#!/usr/bin/env bash
# Fails when a C++ file of the project is not formatted as the root .clang-format says; prints the
# files and the command that fixes them. Third-party code and build output are not ours to format.
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t files < <(find src tests -name node_modules -prune -o -type f \( -name '*.cpp' -o -name '*.h' \) -print | sort)
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  printf 'not clang-format clean:\n'; printf '  %s\n' "${bad[@]}"
  printf 'fix with: clang-format -i %s\n' "${bad[*]}"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "clang-format: ${#files[@]} files clean"
