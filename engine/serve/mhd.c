/* mhd.c - loading libmicrohttpd at run time (see mhd.h). */
#include "mhd.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#ifndef SK_MHD_SONAME
#define SK_MHD_SONAME "libmicrohttpd.so.12"
#endif

/* Written once under pthread_once, read-only afterwards. */
static sk_mhd_api api;
static char load_error[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

typedef struct sym {
    const char *name;
    size_t off;
} sym;

static const sym syms[] = {
    {"MHD_start_daemon_va", offsetof(sk_mhd_api, start_daemon_va)},
    {"MHD_stop_daemon", offsetof(sk_mhd_api, stop_daemon)},
    {"MHD_get_daemon_info", offsetof(sk_mhd_api, get_daemon_info)},
    {"MHD_get_connection_values", offsetof(sk_mhd_api, get_connection_values)},
    {"MHD_lookup_connection_value", offsetof(sk_mhd_api, lookup_connection_value)},
    {"MHD_queue_response", offsetof(sk_mhd_api, queue_response)},
    {"MHD_create_response_from_buffer", offsetof(sk_mhd_api, create_response_from_buffer)},
    {"MHD_destroy_response", offsetof(sk_mhd_api, destroy_response)},
    {"MHD_add_response_header", offsetof(sk_mhd_api, add_response_header)},
};

static void load(void)
{
    void *h = dlopen(SK_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(load_error, sizeof load_error, "%s", dlerror());
        return;
    }
    sk_mhd_api t;
    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
        void *f = dlsym(h, syms[i].name);
        if (!f) {
            snprintf(load_error, sizeof load_error, "%s: no %s", SK_MHD_SONAME, syms[i].name);
            return;
        }
        /* POSIX guarantees a data pointer from dlsym converts to a function pointer. */
        memcpy((char *)&t + syms[i].off, &f, sizeof f);
    }
    api = t; /* the handle stays open for the life of the process */
}

const sk_mhd_api *sk_mhd_load(char *err, size_t errsz)
{
    pthread_once(&once, load);
    if (api.start_daemon_va)
        return &api;
    snprintf(err, errsz, "%s", load_error);
    return NULL;
}

const sk_mhd_api *sk_mhd(void)
{
    return &api;
}

struct MHD_Daemon *sk_mhd_start_daemon(unsigned int flags, uint16_t port,
                                       MHD_AcceptPolicyCallback apc, void *apc_cls,
                                       MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    va_list ap;
    va_start(ap, dh_cls);
    struct MHD_Daemon *d = api.start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
    va_end(ap);
    return d;
}
