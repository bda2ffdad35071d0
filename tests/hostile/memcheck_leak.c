/* Preloaded into samkoll by the test memcheck.finds-leak (tests/hostile.cmake):
 * libyaml's yaml_parser_delete does nothing, so the buffers of every parser
 * the program opens leak. The test expects tests/hostile/memcheck to fail
 * with "definitely lost" blocks: proof that memcheck sees the program's heap
 * whichever malloc the program is linked with (glibc's or mimalloc,
 * SK_MIMALLOC), not a vacuous "no leaks are possible". */
#include <yaml.h>

void yaml_parser_delete(yaml_parser_t *parser) {
  (void)parser;
}
