# `samkoll serve` (issue 16): the API and security tests, the browser test
# and a small load test. Included from tests/CMakeLists.txt; see
# docs/api.md, docs/web.md and docs/security.md.
add_test(NAME serve.api COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/serve/api
         $<TARGET_FILE:samkoll_cli>)
set_tests_properties(serve.api PROPERTIES LABELS serve TIMEOUT 600
                     WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
