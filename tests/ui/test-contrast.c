/* test-contrast.c — every warning and label readable in light, dark and high contrast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "fascia-application.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"

/*
 * Labels with each style class the application gives text (warnings, errors, the intake
 * warning box, dimmed captions, legends…) are drawn with the application's own stylesheet
 * on the backgrounds they sit on, in the light and dark styles and in high contrast; the
 * picture is taken as GTK draws it and the contrast of text against background is measured
 * in its pixels, as WCAG 2 defines it. Each label starts with a full block (█), so that its
 * text colour is in the picture unblended by antialiasing.
 */

#define MIN_CONTRAST 4.5

static const char * const label_classes[] = {
  "",
  "warning",
  "intake-warning",
  "error",
  "error caption",
  "error caption field-message",
  "success",
  "accent",
  "dim-label",
  "dim-label caption",
  "caption-heading dim-label",
  "amendments",
};

static const char * const backgrounds[] = { "background", "view" };

typedef struct
{
  guchar *pixels;
  gsize   stride;
  int     width;
  int     height;
} Picture;

static double
channel (guchar value)
{
  double c = value / 255.0;

  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const guchar *bgra)
{
  return 0.2126 * channel (bgra[2]) + 0.7152 * channel (bgra[1]) + 0.0722 * channel (bgra[0]);
}

static double
contrast (double a,
          double b)
{
  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

static Picture
take_picture (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  Picture picture = { NULL, width * 4, width, height };

  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);

  picture.pixels = g_malloc (picture.stride * height);
  gdk_texture_download (texture, picture.pixels, picture.stride);
  return picture;
}

/* The background is the commonest colour in the label's box; the text, the colour that
 * stands out most from it. */
static double
measure (const Picture *picture,
         GtkWidget     *label,
         GtkWidget     *parent)
{
  graphene_rect_t bounds;
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint32 background = 0;
  guint best_count = 0;
  double background_l, best = 1.0;
  int x0, y0, x1, y1;

  g_assert_true (gtk_widget_compute_bounds (label, parent, &bounds));
  x0 = MAX (0, (int) floor (bounds.origin.x));
  y0 = MAX (0, (int) floor (bounds.origin.y));
  x1 = MIN (picture->width, (int) ceil (bounds.origin.x + bounds.size.width));
  y1 = MIN (picture->height, (int) ceil (bounds.origin.y + bounds.size.height));
  g_assert_cmpint (x1 - x0, >, 4);
  g_assert_cmpint (y1 - y0, >, 4);

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 pixel;
        guint count;

        memcpy (&pixel, picture->pixels + y * picture->stride + x * 4, 4);
        count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (pixel))) + 1;
        g_hash_table_insert (counts, GUINT_TO_POINTER (pixel), GUINT_TO_POINTER (count));
        if (count > best_count)
          {
            best_count = count;
            background = pixel;
          }
      }

  background_l = luminance ((const guchar *) &background);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      best = MAX (best, contrast (background_l,
                                  luminance (picture->pixels + y * picture->stride + x * 4)));

  return best;
}

static gboolean
not_yet (gpointer user_data)
{
  return FALSE;
}

static void
settle (void)
{
  fascia_test_wait_for (not_yet, NULL, 300);
  fascia_test_iterate ();
}

/* Text libadwaita dims by itself, with no class of ours: a row's subtitle, an entry row's
 * title over what was typed, an entry's placeholder, a window title's subtitle. They measured
 * 3.2:1 in the light style (issue 12: the intake's explanations, "Not studied yet"). */
static GtkWidget *
adwaita_parts (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *entry_row = adw_entry_row_new ();
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "█ Careful: row title");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "█ Careful: row subtitle");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), "█ Careful: expander title");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), "█ Careful: expander subtitle");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry_row), "█ Careful: entry row title");
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "█ typed");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_list_box_append (GTK_LIST_BOX (list), expander);
  gtk_list_box_append (GTK_LIST_BOX (list), entry_row);
  gtk_box_append (GTK_BOX (box), list);

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "█ Careful: placeholder");
  gtk_widget_set_margin_start (entry, 12);
  gtk_widget_set_margin_end (entry, 12);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), adw_window_title_new ("█ Careful: window title",
                                                       "█ Careful: window subtitle"));
  return box;
}

/* The labels under @root that show a sample ("█ Careful: …"). */
static void
collect_samples (GtkWidget *root,
                 GPtrArray *labels)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), "█ Careful"))
    g_ptr_array_add (labels, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_samples (child, labels);
}

/* Returns how many labels fell short. */
static guint
measure_style (const char *style)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GPtrArray *boxes = g_ptr_array_new ();
  guint n_failed = 0;

  for (guint b = 0; b < G_N_ELEMENTS (backgrounds); b++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      gtk_widget_add_css_class (box, backgrounds[b]);
      gtk_widget_set_size_request (box, 420, -1);
      for (guint i = 0; i < G_N_ELEMENTS (label_classes); i++)
        {
          g_autofree char *text = g_strdup_printf ("█ Careful: %s", label_classes[i]);
          g_auto(GStrv) classes = g_strsplit (label_classes[i], " ", -1);
          GtkWidget *label = gtk_label_new (text);

          for (guint c = 0; classes[c] != NULL; c++)
            if (*classes[c] != '\0')
              gtk_widget_add_css_class (label, classes[c]);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_set_margin_start (label, 12);
          gtk_widget_set_margin_end (label, 12);
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_box_append (GTK_BOX (box), adwaita_parts ());
      gtk_box_append (GTK_BOX (outer), box);
      g_ptr_array_add (boxes, box);
    }

  gtk_window_set_child (GTK_WINDOW (window), outer);
  gtk_window_present (GTK_WINDOW (window));
  settle ();

  for (guint b = 0; b < boxes->len; b++)
    {
      GtkWidget *box = g_ptr_array_index (boxes, b);
      Picture picture = take_picture (box);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      collect_samples (box, labels);
      /* Each class, and the titles and dimmed parts of the rows, the entry and the title. */
      g_assert_cmpuint (labels->len, ==, G_N_ELEMENTS (label_classes) + 9);
      for (guint i = 0; i < labels->len; i++)
        {
          GtkWidget *label = g_ptr_array_index (labels, i);
          double ratio = measure (&picture, label, box);

          g_test_message ("%s, on .%s: “%s” %.2f:1", style, backgrounds[b],
                          gtk_label_get_text (GTK_LABEL (label)), ratio);
          if (ratio < MIN_CONTRAST)
            {
              g_test_message ("  below %.1f:1", MIN_CONTRAST);
              n_failed++;
            }
        }
      g_free (picture.pixels);
    }

  g_ptr_array_unref (boxes);
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  return n_failed;
}

static void
test_contrast (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
  guint n_failed = 0;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  settle ();
  g_assert_false (adw_style_manager_get_dark (manager));
  n_failed += measure_style ("light");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  g_assert_true (adw_style_manager_get_dark (manager));
  n_failed += measure_style ("dark");

  /* High contrast is the desktop's setting, which libadwaita follows. */
  g_settings_set_boolean (a11y, "high-contrast", TRUE);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  settle ();
  g_assert_true (adw_style_manager_get_high_contrast (manager));
  n_failed += measure_style ("high contrast");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  n_failed += measure_style ("high contrast dark");

  g_settings_reset (a11y, "high-contrast");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpuint (n_failed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FasciaApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The application loads its stylesheet, as it does when it starts. */
  app = fascia_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fascia/ui/contrast/labels", test_contrast);

  return g_test_run ();
}
