add_test(NAME batch.determinism COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/batch-determinism
         $<TARGET_FILE:samkoll_cli> WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(batch.determinism PROPERTIES LABELS batch)
