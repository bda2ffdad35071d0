# Advice (issue 7): samkoll compare, samkoll ask and ask --interactive.
# Golden outputs of both commands are under tests/golden/{compare,ask}-*.

# The editor, the question table, the answers and the comparison, in C.
add_executable(test_advice ${CMAKE_CURRENT_SOURCE_DIR}/advice/test_advice.c)
target_include_directories(test_advice PRIVATE ${PROJECT_SOURCE_DIR}/engine/src)
target_compile_definitions(test_advice PRIVATE SK_RULES_DIR="${PROJECT_SOURCE_DIR}/rules")
target_link_libraries(test_advice PRIVATE samkoll_core PkgConfig::CRITERION)
add_test(NAME unit.advice COMMAND test_advice --jobs 2)
# Any fact set, added or removed in a case file's text (the web app's edits).
add_executable(test_case_set ${CMAKE_CURRENT_SOURCE_DIR}/advice/test_case_set.c)
target_link_libraries(test_case_set PRIVATE samkoll_core PkgConfig::CRITERION)
add_test(NAME unit.case-set COMMAND test_case_set --jobs 2)

# ask --interactive through a pseudo-terminal: a case with only case, form
# and tasks[].name, answered until check decides every rule; the original
# is never modified; "vet ej", English, the default output name.
add_test(NAME advice.interactive
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/advice/interactive $<TARGET_FILE:samkoll_cli> ${SK_PYTHON}
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})

# Every output format parses (JSON, HTML, Markdown tables), HTML escapes
# what the case says, and the question appendix of docs/advice.md is the
# field table's.
add_test(NAME advice.outputs
         COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/advice/check_outputs.py $<TARGET_FILE:samkoll_cli>
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# ask --interactive keeps the answers (issue 12, D11): an unwritable -o is
# refused before the first question; SIGINT/SIGTERM or end of input after
# one answer writes it.
add_test(NAME advice.interrupt
         COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/advice/interrupt.py $<TARGET_FILE:samkoll_cli>
                 tests/data/advice/minimal.yaml
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# Signal before noise (issue 13): the summary's counts against the JSON
# report, -q only fail/warn and open questions, the conclusion first.
add_test(NAME advice.summary
         COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/advice/check_summary.py $<TARGET_FILE:samkoll_cli>
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# ask --interactive as a person answers it (issue 13): choices from the
# case by number or name, bad answers re-asked with their message, end of
# input midway; the written case passes check and the JSON Schema and
# holds every answer given.
add_test(NAME advice.interview_pty
         COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/advice/interview_pty.py $<TARGET_FILE:samkoll_cli>
                 tests/data/advice/interview.yaml
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(unit.advice advice.interactive advice.outputs advice.interrupt advice.summary
                     advice.interview_pty
                     PROPERTIES LABELS advice)
