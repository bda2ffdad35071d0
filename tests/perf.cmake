# Reports byte-identical before and after optimisations (issue 15): digests
# of samkoll's reports over cases/ and over generated corpora
# (bench/gencorpus.c, fixed seeds) against tests/perf/digests.txt.
add_executable(sk_gencorpus ${PROJECT_SOURCE_DIR}/bench/gencorpus.c)
# a benchmark tool, not product code: its switches list only the forms they treat specially
target_compile_options(sk_gencorpus PRIVATE -Wno-switch-enum)
add_test(NAME perf.identity COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/perf/identity
         $<TARGET_FILE:samkoll_cli> $<TARGET_FILE:sk_gencorpus>
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(perf.identity PROPERTIES LABELS perf-identity TIMEOUT 600)

# The embedded rule set's build-time image and the runtime-compiled rules/
# give byte-identical reports on the whole library (issue 15).
add_test(NAME perf.embedded-identity COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/perf/embedded-identity
         $<TARGET_FILE:samkoll_cli> WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(perf.embedded-identity PROPERTIES LABELS perf-identity TIMEOUT 600)
