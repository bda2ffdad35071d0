/* browser.h - `samkoll serve --open` (browser.c). */
#ifndef SK_CLI_BROWSER_H
#define SK_CLI_BROWSER_H

/* Starts the desktop's browser on url (xdg-open) and returns at once; a
 * failure to start it, or its failure later, is reported on standard
 * error in Swedish (en: English). Returns 0 if xdg-open was started. */
int cli_open_browser(const char *url, int en);

#endif
