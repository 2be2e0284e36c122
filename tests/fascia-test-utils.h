/* fascia-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*FasciaTestCondition) (gpointer user_data);

char     *fascia_test_make_tmpdir    (void);
void      fascia_test_rm_rf          (const char           *path);
void      fascia_test_iterate        (void);
gboolean  fascia_test_wait_for       (FasciaTestCondition   condition,
                                      gpointer              user_data,
                                      guint                 timeout_ms);
char     *fascia_test_make_atlas_dir (const char           *bad_case);
int       fascia_test_run_fascia     (const char * const   *args,
                                      const char * const   *unset_env,
                                      char                **stdout_text,
                                      char                **stderr_text);
double    fascia_test_pdf_smallest_text (const char        *pdf,
                                         const char        *known,
                                         double             known_pt,
                                         char             **smallest);
char     *fascia_test_find_misformatted_date (const char   *text,
                                              char        *(*format) (GDateTime *date));

G_END_DECLS
