# samkoll init (issues 13, 17): every form's template in both languages is
# valid (check exit 0/1, the JSON Schema), states no fact (the same findings
# as a case stating only its form), shows the form's fields, and stays valid
# with its commented-out list entries uncommented; the command line's
# errors, FILE and --force. The Swedish template of one form is a golden
# test (tests/golden/init-gemensam-namnd).
add_test(NAME init.templates
         COMMAND ${SK_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/init/check_init.py $<TARGET_FILE:samkoll_cli>
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(init.templates PROPERTIES LABELS cli TIMEOUT 300)
