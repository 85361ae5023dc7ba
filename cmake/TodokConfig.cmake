# TodokConfig.cmake - CMake package for todokc, the .todok to Kubernetes
# manifests compiler. Installed as PREFIX/lib/cmake/Todok/.
#
#   cmake_minimum_required(VERSION 3.20)
#   project(myapp NONE)
#   find_package(Todok 0.1 REQUIRED)   # -DCMAKE_PREFIX_PATH=PREFIX if needed
#
#   todok_add_manifests(<target>
#     SOURCES file.todok...            # required
#     [FORMAT yaml|json]               # default yaml
#     [OUTPUT_DIR dir]                 # default ${CMAKE_CURRENT_BINARY_DIR}/<target>
#     [ENV_FILE file]                  # --env-file (relative to CMAKE_CURRENT_SOURCE_DIR)
#     [FLAGS option...]                # more todokc options, e.g. -D tag=1.2 --no-wait
#     [PROFILES profile...]            # compile each source once per profile
#     [FLAGS_<profile> option...]      # more options for that profile only
#     [EXCLUDE_FROM_ALL])
#
# todok_add_manifests() compiles each NAME.todok into the folder
# OUTPUT_DIR/NAME/ (one file per object, the Kustomization and the
# .todokc-outputs index) and adds the custom target <target> (built by
# "all" unless EXCLUDE_FROM_ALL) that depends on them. Relative SOURCES are
# relative to CMAKE_CURRENT_SOURCE_DIR, a relative OUTPUT_DIR to
# CMAKE_CURRENT_BINARY_DIR, and relative paths in FLAGS (--env-file) to
# CMAKE_CURRENT_BINARY_DIR, where the command runs.
#
# With PROFILES dev prod, each NAME.todok is compiled instead once per
# profile (`profile dev { ... }` in the stack), with --profile dev into
# OUTPUT_DIR/NAME/dev/ and with --profile prod into OUTPUT_DIR/NAME/prod/,
# each with its own depfile and command line; FLAGS_prod --env-file prod.env
# adds options to the prod compiles only. An edit to a .todok recompiles
# every profile of it; a change of FLAGS_<profile> recompiles that profile
# only. todokc checks every profile of the stack on each compile, and reads
# the secret values of the selected profile only:
#
#   todok_add_manifests(shop_manifests
#     SOURCES stacks/shop.todok
#     PROFILES dev prod
#     FLAGS_prod --env-file ${CMAKE_CURRENT_SOURCE_DIR}/stacks/prod.env)
#   # -> shop_manifests/shop/dev/Kustomization, shop_manifests/shop/prod/Kustomization
#
# Each folder is represented by its Kustomization (the custom command's
# OUTPUT), which todokc rewrites on every successful compile. todokc's
# --depfile lists every file the stack read (the .todok, file("...") secrets
# and configs, the --env-file), so an edit to any of them recompiles exactly
# the folders that read it, with the Makefiles and the Ninja generators
# (add_custom_command DEPFILE, policy CMP0116 NEW). A change of FORMAT,
# FLAGS, FLAGS_<profile> or TODOKC_EXECUTABLE also recompiles. Values that
# env("VAR") takes from the environment of the build are not tracked: put
# them in an --env-file.
#
# Defines:
#   TODOKC_EXECUTABLE   (cache) the todokc program: PREFIX/bin/todokc of this
#                       package's installation prefix, else todokc on PATH
#                       (or, for SRC/cmake in a source tree, SRC/todokc)
#   Todok::todokc       imported executable target for it
#   Todok_VERSION       from TodokConfigVersion.cmake
# Properties of <target>: TODOK_OUTPUT_DIRS (the folders: OUTPUT_DIR/NAME, or
# OUTPUT_DIR/NAME/PROFILE for each profile) and TODOK_KUSTOMIZATIONS (their
# Kustomization files).

if(CMAKE_VERSION VERSION_LESS 3.20)
  set(Todok_FOUND FALSE)
  set(Todok_NOT_FOUND_MESSAGE
      "Todok needs CMake 3.20 or newer (add_custom_command DEPFILE); this is CMake ${CMAKE_VERSION}")
  return()
endif()

cmake_policy(PUSH)
cmake_policy(VERSION 3.20) # CMP0116 NEW: DEPFILE paths are transformed for Ninja

get_filename_component(_todok_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
# Installed: PREFIX/lib/cmake/Todok -> PREFIX/bin. Used from a source tree
# (-DTodok_DIR=SRC/cmake): SRC/todokc.
find_program(TODOKC_EXECUTABLE
  NAMES todokc
  HINTS "${_todok_prefix}/bin" "${CMAKE_CURRENT_LIST_DIR}/.."
  DOC "todokc, the .todok to Kubernetes manifests compiler")
mark_as_advanced(TODOKC_EXECUTABLE)

if(NOT TODOKC_EXECUTABLE)
  set(Todok_FOUND FALSE)
  set(Todok_NOT_FOUND_MESSAGE
      "todokc was found neither in ${_todok_prefix}/bin nor on PATH; set TODOKC_EXECUTABLE")
  unset(_todok_prefix)
  cmake_policy(POP)
  return()
endif()
unset(_todok_prefix)

if(NOT TARGET Todok::todokc)
  add_executable(Todok::todokc IMPORTED)
  set_target_properties(Todok::todokc PROPERTIES IMPORTED_LOCATION "${TODOKC_EXECUTABLE}")
endif()

set_property(GLOBAL PROPERTY TODOK_DEPFILE_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/TodokDepfile.cmake")

# Writes CONTENT to FILE unless FILE already holds it (so that its time
# changes only with its content).
function(_todok_write_if_changed file content)
  set(old "")
  if(EXISTS "${file}")
    file(READ "${file}" old)
  endif()
  if(NOT old STREQUAL content)
    file(WRITE "${file}" "${content}")
  endif()
endfunction()

function(todok_add_manifests target)
  # FLAGS_<profile> keywords: every argument of that form is one (no value of
  # a todokc option has that form: options start with '-', -D takes NAME=VALUE).
  set(profile_keywords "")
  foreach(a IN LISTS ARGN)
    if(a MATCHES "^FLAGS_[a-z]([-a-z0-9]*[a-z0-9])?$")
      list(APPEND profile_keywords "${a}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES profile_keywords)
  cmake_parse_arguments(PARSE_ARGV 1 arg "EXCLUDE_FROM_ALL" "FORMAT;OUTPUT_DIR;ENV_FILE"
                        "SOURCES;FLAGS;PROFILES;${profile_keywords}")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "todok_add_manifests(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "todok_add_manifests(${target}): no SOURCES")
  endif()
  if(TARGET "${target}")
    message(FATAL_ERROR "todok_add_manifests(${target}): a target of that name exists already")
  endif()
  if("PROFILES" IN_LIST arg_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "todok_add_manifests(${target}): PROFILES names no profile")
  endif()
  foreach(profile IN LISTS arg_PROFILES)
    if(NOT profile MATCHES "^[a-z]([-a-z0-9]*[a-z0-9])?$")
      message(FATAL_ERROR "todok_add_manifests(${target}): '${profile}' in PROFILES is not a profile name")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES arg_PROFILES)
  foreach(kw IN LISTS profile_keywords)
    string(REGEX REPLACE "^FLAGS_" "" profile "${kw}")
    if(NOT profile IN_LIST arg_PROFILES)
      message(FATAL_ERROR "todok_add_manifests(${target}): ${kw} given, but PROFILES does not name ${profile}")
    endif()
  endforeach()
  set(options "")
  if(DEFINED arg_FORMAT)
    if(NOT arg_FORMAT MATCHES "^(yaml|json)$")
      message(FATAL_ERROR "todok_add_manifests(${target}): FORMAT is yaml or json, not '${arg_FORMAT}'")
    endif()
    list(APPEND options --format "${arg_FORMAT}")
  endif()
  if(arg_ENV_FILE)
    get_filename_component(env_file "${arg_ENV_FILE}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND options --env-file "${env_file}")
  endif()
  list(APPEND options ${arg_FLAGS})
  if(NOT arg_OUTPUT_DIR)
    set(arg_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${target}")
  endif()
  get_filename_component(outbase "${arg_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  set(work "${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/${target}.todok")
  file(MAKE_DIRECTORY "${work}")
  get_property(script GLOBAL PROPERTY TODOK_DEPFILE_SCRIPT)
  # One compile per source, or one per source and profile ("<none>" stands
  # for no profile: no profile name has a '<').
  if(arg_PROFILES)
    set(variants ${arg_PROFILES})
  else()
    set(variants "<none>")
  endif()

  set(names "")
  set(dirs "")
  set(stamps "")
  set(abs_sources "")
  foreach(src IN LISTS arg_SOURCES)
    get_filename_component(abs "${src}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    if(NOT abs MATCHES "\\.todok$")
      message(FATAL_ERROR "todok_add_manifests(${target}): ${src} is not a .todok file")
    endif()
    get_filename_component(name "${abs}" NAME_WLE)
    if(name IN_LIST names)
      message(FATAL_ERROR
              "todok_add_manifests(${target}): two SOURCES are named ${name}.todok; they would share ${outbase}/${name}/")
    endif()
    list(APPEND names "${name}")
    # A source is the MAIN_DEPENDENCY of one custom command at most.
    set(main MAIN_DEPENDENCY)
    foreach(profile IN LISTS variants)
      if(profile STREQUAL "<none>")
        set(outdir "${outbase}/${name}")
        set(base "${work}/${name}")
        set(unit_options ${options})
        set(comment "todokc ${src} -> ${outdir}/")
      else()
        set(outdir "${outbase}/${name}/${profile}")
        set(base "${work}/${name}/${profile}")
        set(unit_options ${options} --profile "${profile}" ${arg_FLAGS_${profile}})
        set(comment "todokc ${src} --profile ${profile} -> ${outdir}/")
      endif()
      get_filename_component(base_dir "${base}" DIRECTORY)
      file(MAKE_DIRECTORY "${base_dir}")
      set(stamp "${outdir}/Kustomization")
      set(rawdep "${base}.todokc.d")
      set(dep "${base}.d")
      # The command line, so that a change of options rebuilds with every generator.
      set(cmdline "${base}.cmdline")
      string(REPLACE ";" "\n" text "${TODOKC_EXECUTABLE};${unit_options}")
      _todok_write_if_changed("${cmdline}" "${text}\n")
      add_custom_command(
        OUTPUT "${stamp}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${base_dir}"
        COMMAND "${TODOKC_EXECUTABLE}" "${abs}" -o "${outdir}" --depfile "${rawdep}" ${unit_options}
        # todokc's depfile names every manifest; the rule must name our OUTPUT.
        COMMAND "${CMAKE_COMMAND}" "-DTODOK_DEPFILE_IN=${rawdep}" "-DTODOK_DEPFILE_OUT=${dep}"
                "-DTODOK_DEPFILE_TARGET=${stamp}" -P "${script}"
        ${main} "${abs}"
        DEPENDS "${TODOKC_EXECUTABLE}" "${cmdline}" "${script}"
        DEPFILE "${dep}"
        COMMENT "${comment}"
        VERBATIM)
      list(APPEND dirs "${outdir}")
      list(APPEND stamps "${stamp}")
      set(main DEPENDS)
    endforeach()
    list(APPEND abs_sources "${abs}")
  endforeach()

  if(arg_EXCLUDE_FROM_ALL)
    add_custom_target(${target} DEPENDS ${stamps} SOURCES ${abs_sources})
  else()
    add_custom_target(${target} ALL DEPENDS ${stamps} SOURCES ${abs_sources})
  endif()
  set_target_properties(${target} PROPERTIES
    TODOK_OUTPUT_DIRS "${dirs}"
    TODOK_KUSTOMIZATIONS "${stamps}")
endfunction()

cmake_policy(POP)
