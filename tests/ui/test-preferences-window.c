/* test-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia-preferences-window.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"

static GtkWidget *
template_child (GtkWidget  *window,
                const char *name)
{
  return fascia_ui_test_child (window, FASCIA_TYPE_PREFERENCES_WINDOW, name);
}

static void
test_edits_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window = fascia_preferences_window_new (NULL);
  GtkWidget *clinic = template_child (window, "clinic_row");
  GtkWidget *contact = template_child (window, "contact_row");
  GtkWidget *paper = template_child (window, "paper_row");
  g_autofree char *clinic_name = NULL;
  g_autofree char *paper_size = NULL;

  gtk_window_present (GTK_WINDOW (window));
  fascia_test_iterate ();

  /* Typing is saving: no button to press. Quotes and emoji are kept as typed. */
  gtk_editable_set_text (GTK_EDITABLE (clinic), "Harbour Street “Hands” Massage 🌿");
  adw_combo_row_set_selected (ADW_COMBO_ROW (paper), 1);
  clinic_name = g_settings_get_string (settings, "clinic-name");
  paper_size = g_settings_get_string (settings, "paper-size");
  g_assert_cmpstr (clinic_name, ==, "Harbour Street “Hands” Massage 🌿");
  g_assert_cmpstr (paper_size, ==, "letter");

  /* And a change made elsewhere shows in the window. */
  g_settings_set_string (settings, "contact-line", "01234 567890 · hello@example.org");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (contact)), ==,
                   "01234 567890 · hello@example.org");
  g_settings_set_string (settings, "paper-size", "a4");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (paper)), ==, 0);

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/fascia/ui/preferences-window/edits-saved", test_edits_saved);

  return g_test_run ();
}
