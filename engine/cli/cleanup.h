/* cleanup.h - temporary output files removed when the run is stopped by
 * a signal (SIGINT, SIGTERM, SIGHUP): an interrupted `-o` run leaves no
 * half-written temporary file behind. CLI-only state: the library keeps
 * none. */
#ifndef SK_CLI_CLEANUP_H
#define SK_CLI_CLEANUP_H

/* Installs the handlers (once). */
void cli_cleanup_init(void);
/* Removes path on a stopping signal until it is forgotten; 0 if there
 * is no room (the path is then not guarded). */
int cli_cleanup_add(const char *path);
void cli_cleanup_forget(const char *path);
/* Holds the stopping signals back (between creating a temporary file and
 * registering it) and lets them through again. */
void cli_cleanup_hold(void);
void cli_cleanup_release(void);

/* For the interview: SIGINT, SIGTERM and SIGHUP stop the current read
 * (no SA_RESTART) and are remembered, so the answers so far can be
 * written before the process ends. */
void cli_interrupt_catch(void);
/* The signal caught by cli_interrupt_catch's handler, or 0. */
int cli_interrupted(void);

#endif
