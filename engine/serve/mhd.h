/* mhd.h - libmicrohttpd, loaded at run time by the server (dlopen).
 *
 * Linking libmicrohttpd into the samkoll binary made every command load it
 * and the TLS libraries it depends on (gnutls, nettle, gmp, p11-kit, ...):
 * about 1.3 ms and 3 million instructions of dynamic linking at the start
 * of every `samkoll check`. The server loads it with sk_mhd_load() instead;
 * the MHD_ names below then call through the loaded functions. Include this
 * instead of <microhttpd.h>. */
#ifndef SK_SERVE_MHD_H
#define SK_SERVE_MHD_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

typedef struct sk_mhd_api {
    struct MHD_Daemon *(*start_daemon_va)(unsigned int, uint16_t, MHD_AcceptPolicyCallback,
                                          void *, MHD_AccessHandlerCallback, void *, va_list);
    void (*stop_daemon)(struct MHD_Daemon *);
    const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *,
                                                   enum MHD_DaemonInfoType, ...);
    int (*get_connection_values)(struct MHD_Connection *, enum MHD_ValueKind,
                                 MHD_KeyValueIterator, void *);
    const char *(*lookup_connection_value)(struct MHD_Connection *, enum MHD_ValueKind,
                                           const char *);
    enum MHD_Result (*queue_response)(struct MHD_Connection *, unsigned int,
                                      struct MHD_Response *);
    struct MHD_Response *(*create_response_from_buffer)(size_t, void *,
                                                        enum MHD_ResponseMemoryMode);
    void (*destroy_response)(struct MHD_Response *);
    enum MHD_Result (*add_response_header)(struct MHD_Response *, const char *, const char *);
} sk_mhd_api;

/* Loads libmicrohttpd once per process (thread-safe); the table is never
 * changed after that. NULL on failure, with the reason in err. */
const sk_mhd_api *sk_mhd_load(char *err, size_t errsz);
/* The loaded table; only after sk_mhd_load succeeded. */
const sk_mhd_api *sk_mhd(void);

struct MHD_Daemon *sk_mhd_start_daemon(unsigned int flags, uint16_t port,
                                       MHD_AcceptPolicyCallback apc, void *apc_cls,
                                       MHD_AccessHandlerCallback dh, void *dh_cls, ...);

#define MHD_start_daemon sk_mhd_start_daemon
#define MHD_stop_daemon (sk_mhd()->stop_daemon)
#define MHD_get_daemon_info (sk_mhd()->get_daemon_info)
#define MHD_get_connection_values (sk_mhd()->get_connection_values)
#define MHD_lookup_connection_value (sk_mhd()->lookup_connection_value)
#define MHD_queue_response (sk_mhd()->queue_response)
#define MHD_create_response_from_buffer (sk_mhd()->create_response_from_buffer)
#define MHD_destroy_response (sk_mhd()->destroy_response)
#define MHD_add_response_header (sk_mhd()->add_response_header)

#endif
