# Report formats (label `reports`): every format of one run of the shipped
# library read back by a real parser (JSON, the official SARIF 2.1.0
# schema, xml.etree for JUnit, csv), free text and waivers through every
# format, write errors; and the HTML report in headless Chromium (skipped,
# with a message, only where Chromium is not installed; CI installs it).
add_test(NAME reports.formats COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_reports.py
         $<TARGET_FILE:samkoll_cli> WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME reports.html COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_html.py
         $<TARGET_FILE:samkoll_cli> ${CMAKE_BINARY_DIR} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(reports.formats reports.html PROPERTIES LABELS reports)
set_tests_properties(reports.html PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
# The HTML memo as printed: no horizontal overflow at 1280 px or in the
# print style at A4 width, A4 pages from Chromium's --print-to-pdf with a
# page per small case, pdftoppm page images, links to the law as text.
add_test(NAME reports.memo COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_memo.py
         $<TARGET_FILE:samkoll_cli> ${CMAKE_BINARY_DIR} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(reports.memo PROPERTIES LABELS reports SKIP_RETURN_CODE 77 TIMEOUT 600)
