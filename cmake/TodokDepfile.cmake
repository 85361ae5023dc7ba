# TodokDepfile.cmake - run by todok_add_manifests() after todokc, as
#   cmake -DTODOK_DEPFILE_IN=raw.d -DTODOK_DEPFILE_OUT=out.d
#         -DTODOK_DEPFILE_TARGET=OUTPUT -P TodokDepfile.cmake
# todokc's --depfile names every manifest it wrote as the targets of its
# rule; CMake (and Ninja, which checks the first target) want the custom
# command's OUTPUT. This writes the same depfile with OUTPUT as the only
# target of the first rule; the prerequisites and the phony rules are kept.
foreach(var TODOK_DEPFILE_IN TODOK_DEPFILE_OUT TODOK_DEPFILE_TARGET)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "TodokDepfile.cmake: ${var} is not set")
  endif()
endforeach()

file(READ "${TODOK_DEPFILE_IN}" text)
# The targets end at the first ':' followed by a blank or a newline (an
# escaped blank in a path is "\ ", so ": " cannot occur inside a path).
string(FIND "${text}" ": " a)
string(FIND "${text}" ":\n" b)
if(a LESS 0 OR (b GREATER_EQUAL 0 AND b LESS a))
  set(a ${b})
endif()
if(a LESS 0)
  message(FATAL_ERROR "TodokDepfile.cmake: ${TODOK_DEPFILE_IN} is not a Make depfile")
endif()
string(SUBSTRING "${text}" ${a} -1 rest)

set(target "${TODOK_DEPFILE_TARGET}")
string(REPLACE "$" "$$" target "${target}")
string(REPLACE " " "\\ " target "${target}")
string(REPLACE "#" "\\#" target "${target}")
file(WRITE "${TODOK_DEPFILE_OUT}" "${target}${rest}")
