# `samkoll serve` (issue 16): the API and security tests, the browser test
# and a small load test. Included from tests/CMakeLists.txt; see
# docs/api.md, docs/web.md and docs/security.md.
add_test(NAME serve.api COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/serve/api
         $<TARGET_FILE:samkoll_cli>)
set_tests_properties(serve.api PROPERTIES LABELS serve TIMEOUT 600
                     WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# The web app in headless Chromium through Selenium (skipped, exit 77, only
# without python3-selenium or chromium-driver); screenshots in serve-screens/.
add_test(NAME serve.browser COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/serve/browser
         $<TARGET_FILE:samkoll_cli> ${CMAKE_CURRENT_BINARY_DIR}/serve-screens)
set_tests_properties(serve.browser PROPERTIES LABELS serve TIMEOUT 600 SKIP_RETURN_CODE 77
                     WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# docs/openapi.json: OpenAPI 3.1 with valid schemas, the server's routes,
# live responses valid against it (python3-jsonschema).
add_test(NAME serve.openapi COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/serve/openapi
         $<TARGET_FILE:samkoll_cli>)
set_tests_properties(serve.openapi PROPERTIES LABELS serve TIMEOUT 300
                     WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# A small, bounded load test (bench/serve-load; the full size is in
# bench/RESULTS.md): no failed request; outside ASan, RSS after the warm-up
# does not grow by more than half.
if(SK_SANITIZE)
  set(SK_LOAD_ARGS --requests 500 --clients 8 --warmup 100)
else()
  set(SK_LOAD_ARGS --requests 2000 --clients 8 --warmup 200 --max-rss-growth 50)
endif()
add_test(NAME serve.load COMMAND ${SK_PYTHON} ${PROJECT_SOURCE_DIR}/bench/serve-load
         $<TARGET_FILE:samkoll_cli> ${SK_LOAD_ARGS} --timeout 300
         --case cases/real/sodertorn-brandforsvar.yaml)
set_tests_properties(serve.load PROPERTIES LABELS serve TIMEOUT 400
                     WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
