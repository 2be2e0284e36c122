/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "fascia-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FasciaApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = fascia_application_new ();
  /* A second launch on the same database presents the window already open on it. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
