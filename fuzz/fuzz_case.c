/* fuzz_case.c - fuzz target: loading and validating cases from arbitrary
 * bytes (sk_source_open_mem + sk_source_next until the stream ends).
 * Small limits, so that every limit's error path is within reach of
 * short inputs. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sk_limits lim;
    sk_limits_default(&lim);
    lim.max_depth = 16;
    lim.max_alias_nodes = 200;
    lim.max_documents = 20;
    lim.max_scalar_bytes = 2000;
    lim.max_items = 50;
    lim.max_file_bytes = 1u << 20;
    /* the first byte's low bit picks the language of the messages */
    int lang = size > 0 && (data[0] & 1);
    fuzz_check_stream((const char *)data, size, &lim, NULL, NULL, NULL, NULL, lang);
    return 0;
}
