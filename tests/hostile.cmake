# Hostile input, fuzz seeds and regressions, and memory checks (issue 6).
# Included from tests/CMakeLists.txt. See docs/security.md.

# The fuzz targets with the plain-main driver (any compiler): they replay
# the seed corpora, the regression inputs and the hostile files. The
# libFuzzer build is fuzz/CMakeLists.txt (SK_FUZZ=ON, clang).
foreach(t case rules check)
  add_executable(fuzz_replay_${t} ${PROJECT_SOURCE_DIR}/fuzz/fuzz_${t}.c
                 ${PROJECT_SOURCE_DIR}/fuzz/driver.c)
  target_compile_definitions(fuzz_replay_${t} PRIVATE SK_FUZZ_DIR="${PROJECT_SOURCE_DIR}/fuzz")
  target_include_directories(fuzz_replay_${t} PRIVATE ${PROJECT_SOURCE_DIR}/engine/src)
  target_link_libraries(fuzz_replay_${t} PRIVATE samkoll)
endforeach()

set(SK_SEEDS ${CMAKE_CURRENT_BINARY_DIR}/fuzz-seeds)
add_test(NAME fuzz.seeds COMMAND sh -c "rm -rf '${SK_SEEDS}' && '${PROJECT_SOURCE_DIR}/fuzz/make-corpus' '${SK_SEEDS}'")
set_tests_properties(fuzz.seeds PROPERTIES FIXTURES_SETUP fuzz_seeds LABELS fuzz)
foreach(t case rules check)
  add_test(NAME fuzz.replay.${t} COMMAND fuzz_replay_${t} ${SK_SEEDS}/${t})
  set_tests_properties(fuzz.replay.${t} PROPERTIES FIXTURES_REQUIRED fuzz_seeds LABELS fuzz)
  add_test(NAME fuzz.regressions.${t} COMMAND fuzz_replay_${t} ${PROJECT_SOURCE_DIR}/fuzz/regressions/${t})
  set_tests_properties(fuzz.regressions.${t} PROPERTIES LABELS fuzz)
endforeach()
add_test(NAME fuzz.replay.hostile COMMAND fuzz_replay_check ${PROJECT_SOURCE_DIR}/tests/hostile/files)
set_tests_properties(fuzz.replay.hostile PROPERTIES LABELS fuzz)

# Unit tests of limits and hostile-input fixes (Criterion).
add_executable(test_hostile ${CMAKE_CURRENT_SOURCE_DIR}/hostile/test_hostile.c)
target_include_directories(test_hostile PRIVATE ${PROJECT_SOURCE_DIR}/engine/src unit)
target_link_libraries(test_hostile PRIVATE samkoll_core PkgConfig::CRITERION)
add_test(NAME unit.hostile COMMAND test_hostile --jobs 2)
# (a ctest timeout rather than Criterion's .timeout, which leaks under LSan)
set_tests_properties(unit.hostile PROPERTIES LABELS unit TIMEOUT 300)

# The hostile files and limits through the command line, each with its
# exact outcome (tests/hostile/run).
foreach(group files limits paths regex no-lost-cases names diagnostics signals minors security)
  add_test(NAME hostile.${group}
           COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/hostile/run
                   $<TARGET_FILE:samkoll_cli> ${CMAKE_CURRENT_BINARY_DIR}/hostile-work/${group} ${group}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(hostile.${group} PROPERTIES LABELS hostile TIMEOUT 600)
endforeach()

# valgrind memcheck (label memcheck; tests/run-all runs `ctest -L memcheck`
# on the normal build). Not with the sanitizers, which valgrind cannot run.
find_program(SK_VALGRIND valgrind)
if(SK_VALGRIND AND NOT SK_SANITIZE)
  set(SK_MEMCHECK ${CMAKE_CURRENT_SOURCE_DIR}/hostile/memcheck)
  foreach(t util yaml_load case_format eval rules hostile interview batch)
    add_test(NAME memcheck.unit.${t} COMMAND ${SK_MEMCHECK} 0 $<TARGET_FILE:test_${t}> --jobs 1)
  endforeach()
  # (never `-o /dev/null`: the report file is renamed into place)
  add_test(NAME memcheck.check-cases COMMAND ${SK_MEMCHECK} 1 $<TARGET_FILE:samkoll_cli>
           check --format json -o ${CMAKE_CURRENT_BINARY_DIR}/memcheck-report.json cases)
  add_test(NAME memcheck.check-cases-j4 COMMAND ${SK_MEMCHECK} 1 $<TARGET_FILE:samkoll_cli>
           check -j 4 --quiet cases)
  add_test(NAME memcheck.check-hostile COMMAND ${SK_MEMCHECK} 2 $<TARGET_FILE:samkoll_cli>
           check --lang en tests/hostile/files cases/real)
  add_test(NAME memcheck.test-lint COMMAND ${SK_MEMCHECK} 0 $<TARGET_FILE:samkoll_cli>
           test --coverage cases)
  add_test(NAME memcheck.fuzz-regressions COMMAND ${SK_MEMCHECK} 0 sh -c
           "$<TARGET_FILE:fuzz_replay_case> fuzz/regressions/case && $<TARGET_FILE:fuzz_replay_rules> fuzz/regressions/rules && $<TARGET_FILE:fuzz_replay_check> fuzz/regressions/check tests/hostile/files")
  # The checks must see the program's heap: a deliberate leak (libyaml's
  # parser buffers never freed, tests/hostile/memcheck_leak.c preloaded) has
  # to make the memcheck script fail with definitely lost blocks.
  add_library(sk_memcheck_leak MODULE ${CMAKE_CURRENT_SOURCE_DIR}/hostile/memcheck_leak.c)
  target_link_libraries(sk_memcheck_leak PRIVATE PkgConfig::YAML)
  add_test(NAME memcheck.finds-leak COMMAND sh -c
           "out=$(LD_PRELOAD='$<TARGET_FILE:sk_memcheck_leak>' '${SK_MEMCHECK}' 1 '$<TARGET_FILE:samkoll_cli>' check --format jsonl cases/real/nybro-overformyndare.yaml) && { echo \"$out\"; echo 'memcheck passed a leaking program'; exit 1; }; echo \"$out\" | grep -E 'definitely lost: [1-9]' || { echo \"$out\"; exit 1; }")
  set(SK_MEMCHECK_TESTS memcheck.check-cases memcheck.check-cases-j4 memcheck.check-hostile
      memcheck.test-lint memcheck.fuzz-regressions memcheck.finds-leak)
  foreach(t util yaml_load case_format eval rules hostile interview batch)
    list(APPEND SK_MEMCHECK_TESTS memcheck.unit.${t})
  endforeach()
  set_tests_properties(${SK_MEMCHECK_TESTS} PROPERTIES LABELS memcheck TIMEOUT 1200
                       WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  if(SK_USE_MIMALLOC)
    # the program's malloc is libmimalloc's: memcheck replaces it there too
    # (valgrind 3.19 does for malloc/calloc/realloc/free without the option;
    # the synonym covers every allocation function of the library)
    set_tests_properties(${SK_MEMCHECK_TESTS} PROPERTIES
                         ENVIRONMENT "VALGRIND_OPTS=--soname-synonyms=somalloc=*mimalloc*")
  endif()
endif()

# Bounded cost and no hidden limits (issue 12: D3, D4, D10, D13, D14),
# each group with its exact outcome (tests/hostile/cost).
foreach(group exceptions regex eval many-rules)
  add_test(NAME hostile.cost.${group}
           COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/hostile/cost
                   $<TARGET_FILE:samkoll_cli> ${CMAKE_CURRENT_BINARY_DIR}/hostile-work/cost-${group} ${group}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(hostile.cost.${group} PROPERTIES LABELS hostile TIMEOUT 600)
endforeach()
