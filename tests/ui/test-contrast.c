/* test-contrast.c — every warning and label readable in light, dark and high contrast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "fascia/fascia-client.h"
#include "fascia/fascia-diagram.h"
#include "fascia/fascia-plan.h"
#include "fascia/fascia-store.h"
#include "fascia/fascia-visit.h"

#include "fascia-application.h"
#include "fascia-atlas-page.h"
#include "fascia-client-view.h"
#include "fascia-clients-page.h"
#include "fascia-diagram-view.h"
#include "fascia-entry-row.h"
#include "fascia-plan-editor.h"
#include "fascia-study-page.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"
#include "fascia-window.h"

/*
 * Labels with each style class the application gives text (warnings, errors, the intake
 * warning box, dimmed captions, legends…) are drawn with the application's own stylesheet
 * on the backgrounds they sit on, in the light and dark styles and in high contrast; the
 * picture is taken as GTK draws it and the contrast of text against background is measured
 * in its pixels, as WCAG 2 defines it. Each label starts with a full block (█), so that its
 * text colour is in the picture unblended by antialiasing.
 */

#define MIN_CONTRAST 4.5
/* A mark that is no text (a legend's coloured dot) needs 3:1 (WCAG 2.1, 1.4.11). */
#define MIN_GRAPHIC_CONTRAST 3.0

static FasciaApplication *app;

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

/* The background is the commonest colour in the box; the text, the colour that stands out
 * most from it (a glyph's stems cover whole pixels: that one is the text's own colour). */
static double
measure_box (const Picture *picture,
             int            x0,
             int            y0,
             int            x1,
             int            y1)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint32 background = 0;
  guint best_count = 0;
  double background_l, best = 1.0;

  x0 = MAX (0, x0);
  y0 = MAX (0, y0);
  x1 = MIN (picture->width, x1);
  y1 = MIN (picture->height, y1);

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

static double
measure (const Picture *picture,
         GtkWidget     *label,
         GtkWidget     *parent)
{
  graphene_rect_t bounds;
  int x0, y0, x1, y1;

  g_assert_true (gtk_widget_compute_bounds (label, parent, &bounds));
  x0 = MAX (0, (int) floor (bounds.origin.x));
  y0 = MAX (0, (int) floor (bounds.origin.y));
  x1 = MIN (picture->width, (int) ceil (bounds.origin.x + bounds.size.width));
  y1 = MIN (picture->height, (int) ceil (bounds.origin.y + bounds.size.height));
  g_assert_cmpint (x1 - x0, >, 4);
  g_assert_cmpint (y1 - y0, >, 4);

  return measure_box (picture, x0, y0, x1, y1);
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
 * 3.2:1 in the light style (issue 12: the intake's explanations, "Not studied yet"). And an
 * empty entry row's title, shown alone in the text's place. */
static GtkWidget *
adwaita_parts (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *entry_row = fascia_entry_row_new ();
  GtkWidget *empty_row = fascia_entry_row_new ();
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
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty_row), "█ Careful: empty entry row");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_list_box_append (GTK_LIST_BOX (list), expander);
  gtk_list_box_append (GTK_LIST_BOX (list), entry_row);
  gtk_list_box_append (GTK_LIST_BOX (list), empty_row);
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
      /* Each class, and the titles and dimmed parts of the rows (two each), the entry rows'
       * titles (over the text, and alone), the entry's placeholder and the window title's two. */
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

/* --- Every page of the window ------------------------------------------------------------ */

/*
 * Issue 12: the window itself, on the demo clinic, page after page (the Atlas with a card
 * open, "Where does it hurt?", a technique, presentation mode, the client list, a pregnant
 * client's record with its intake warning, her plan, a visit with its body chart, her
 * progress, a Study question answered and the Study results, the preferences and the
 * shortcuts window) in each style; each page is drawn as GTK draws it and every label shown
 * on it, and each label of the drawing, is measured in those pixels. Disabled controls are
 * left out, as WCAG leaves them out.
 */

/* The window is drawn as on a screen of scale 2 (GDK_SCALE, set in main()), where the stems
 * of a glyph cover whole pixels: their colour is the text's own, not one blended with the
 * background by antialiasing, which at scale 1 reads a 5.7:1 caption as 3.6:1. */
#define SCALE 2

typedef struct
{
  const char     *name;
  AdwColorScheme  scheme;
  gboolean        high_contrast;
} Style;

static const Style styles[] = {
  { "light", ADW_COLOR_SCHEME_FORCE_LIGHT, FALSE },
  { "dark", ADW_COLOR_SCHEME_FORCE_DARK, FALSE },
  { "high contrast", ADW_COLOR_SCHEME_FORCE_LIGHT, TRUE },
  { "high contrast dark", ADW_COLOR_SCHEME_FORCE_DARK, TRUE },
};

typedef struct
{
  char              *dir;
  FasciaWindow      *window;
  FasciaAtlasPage   *atlas;
  FasciaClientsPage *clients;
  FasciaClientView  *client_view;
  FasciaStudyPage   *study;
  FasciaClient      *client;
  GSettings         *a11y;
  guint              n_measured;
  guint              n_failed;
  double             lowest[G_N_ELEMENTS (styles)];
} Pages;

static void
set_style (Pages       *p,
           const Style *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_settings_set_boolean (p->a11y, "high-contrast", style->high_contrast);
  adw_style_manager_set_color_scheme (manager, style->scheme);
  fascia_ui_test_wait_idle (100);
  g_assert_true (adw_style_manager_get_high_contrast (manager) == style->high_contrast);
  g_assert_true (adw_style_manager_get_dark (manager) ==
                 (style->scheme == ADW_COLOR_SCHEME_FORCE_DARK));
}

/* What of @widget's box is not clipped away by its ancestors (a scrolled list), in the
 * coordinates of @root; FALSE when too little shows to hold text, or when a scrolled list
 * cuts a line of text across: what shows of it then may hold no ink at all, and the line is
 * read (and measured) scrolled into view. */
static gboolean
shown_box (GtkWidget             *widget,
           GtkWidget             *root,
           cairo_rectangle_int_t *box)
{
  graphene_rect_t bounds;
  int x0, y0, x1, y1;

  if (!gtk_widget_compute_bounds (widget, root, &bounds))
    return FALSE;
  x0 = (int) ceil (bounds.origin.x);
  y0 = (int) ceil (bounds.origin.y);
  x1 = (int) floor (bounds.origin.x + bounds.size.width);
  y1 = (int) floor (bounds.origin.y + bounds.size.height);
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL && up != root;
       up = gtk_widget_get_parent (up))
    {
      graphene_rect_t clip;

      if (gtk_widget_get_overflow (up) != GTK_OVERFLOW_HIDDEN)
        continue;
      if (!gtk_widget_compute_bounds (up, root, &clip))
        return FALSE;
      x0 = MAX (x0, (int) ceil (clip.origin.x));
      y0 = MAX (y0, (int) ceil (clip.origin.y));
      x1 = MIN (x1, (int) floor (clip.origin.x + clip.size.width));
      y1 = MIN (y1, (int) floor (clip.origin.y + clip.size.height));
    }
  box->x = x0;
  box->y = y0;
  box->width = x1 - x0;
  box->height = y1 - y0;
  return box->width > 4 && box->height > 6 &&
         (!GTK_IS_LABEL (widget) || box->height >= (int) floor (bounds.size.height) - 1);
}

static gboolean
drawn (GtkWidget *widget,
       GtkWidget *root)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (!gtk_widget_get_mapped (w) || gtk_widget_get_opacity (w) < 0.01)
        return FALSE;
      if (w == root)
        break;
    }
  return TRUE;
}

static void
report (Pages                       *p,
        guint                        s,
        const char                  *page,
        const char                  *what,
        const cairo_rectangle_int_t *box,
        double                       ratio,
        double                       minimum)
{
  p->n_measured++;
  if (minimum == MIN_CONTRAST)
    p->lowest[s] = MIN (p->lowest[s], ratio);
  if (g_getenv ("FASCIA_TEST_VERBOSE") != NULL)
    g_test_message ("%s, %s: “%s”: %.2f:1", styles[s].name, page, what, ratio);
  if (ratio >= minimum)
    return;
  p->n_failed++;
  g_test_message ("%s, %s: “%s” at %d,%d %dx%d: %.2f:1, below %.1f:1", styles[s].name, page,
                  what, box->x, box->y, box->width, box->height, ratio, minimum);
}

static void
measure_labels (Pages         *p,
                guint          s,
                const char    *page,
                const Picture *picture,
                GtkWidget     *root,
                GtkWidget     *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  /* A surface of its own (a tooltip the pointer put up, a popover) is not in @root's
   * picture: what lies under its box there is the window. Popovers are measured as roots. */
  if (widget != root && GTK_IS_NATIVE (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_widget_is_sensitive (widget) && drawn (widget, root))
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
      cairo_rectangle_int_t box;

      if (*text != '\0' && shown_box (widget, root, &box))
        report (p, s, page, text, &box,
                measure_box (picture, box.x * SCALE, box.y * SCALE, (box.x + box.width) * SCALE,
                             (box.y + box.height) * SCALE),
                gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) ==
                GTK_ACCESSIBLE_ROLE_PRESENTATION ? MIN_GRAPHIC_CONTRAST : MIN_CONTRAST);
    }

  /* The labels of the drawing, where it shows them. */
  if (FASCIA_IS_DIAGRAM_VIEW (widget) && drawn (widget, root))
    {
      FasciaDiagramView *view = FASCIA_DIAGRAM_VIEW (widget);
      FasciaDiagram *diagram = fascia_diagram_view_get_diagram (view);
      cairo_rectangle_int_t view_box;

      for (guint i = 0; diagram != NULL && fascia_diagram_get_layer_visible (diagram, "labels") &&
                        shown_box (widget, root, &view_box) &&
                        i < fascia_diagram_get_n_labels (diagram); i++)
        {
          double x, y, width, height, wx0, wy0, wx1, wy1;
          graphene_point_t origin;
          cairo_rectangle_int_t box;
          g_autofree char *what = NULL;

          if (!fascia_diagram_get_label_box (diagram, i, &x, &y, &width, &height))
            continue;
          fascia_diagram_view_view_to_widget (view, x, y, &wx0, &wy0);
          fascia_diagram_view_view_to_widget (view, x + width, y + height, &wx1, &wy1);
          g_assert_true (gtk_widget_compute_point (widget, root, &GRAPHENE_POINT_INIT (0, 0),
                                                   &origin));
          box.x = MAX ((int) ceil (origin.x + wx0), view_box.x);
          box.y = MAX ((int) ceil (origin.y + wy0), view_box.y);
          box.width = MIN ((int) floor (origin.x + wx1), view_box.x + view_box.width) - box.x;
          box.height = MIN ((int) floor (origin.y + wy1), view_box.y + view_box.height) - box.y;
          if (box.width < 8 || box.height < 6)
            continue;
          what = g_strdup_printf ("drawing's label %u", i);
          report (p, s, page, what, &box,
                  measure_box (picture, box.x * SCALE, box.y * SCALE, (box.x + box.width) * SCALE,
                               (box.y + box.height) * SCALE),
                  MIN_CONTRAST);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    measure_labels (p, s, page, picture, root, child);
}

static gboolean
transition_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (transition_running (child))
      return TRUE;
  return FALSE;
}

static gboolean
page_settled (gpointer user_data)
{
  return !transition_running (user_data);
}

/* @root as GTK last drew it, at SCALE; NULL while a frame of it is still to be drawn (a
 * change of style asks for one). */
static GskRenderNode *
drawn_node (GtkWidget *root)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (root);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gtk_snapshot_scale (snapshot, SCALE, SCALE);
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (root),
                          gtk_widget_get_height (root));
  return gtk_snapshot_free_to_node (snapshot);
}

static gboolean
frame_drawn (gpointer root)
{
  g_autoptr(GskRenderNode) node = drawn_node (root);

  return node != NULL;
}

/* Whether every drawing shown in @widget is rendered as it now is: the body chart of a visit
 * opened, or the Atlas's drawing restyled for dark, is rendered in a thread, and measured before
 * that its labels were not there to measure (1:1 against the empty canvas). */
static gboolean
views_drawn_in (GtkWidget *widget)
{
  if (FASCIA_IS_DIAGRAM_VIEW (widget) && gtk_widget_get_mapped (widget)
      && !fascia_diagram_view_is_up_to_date (FASCIA_DIAGRAM_VIEW (widget)))
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!views_drawn_in (child))
      return FALSE;
  return TRUE;
}

static gboolean
views_drawn (gpointer root)
{
  return views_drawn_in (root);
}

/* The window shown now, measured in each style. FASCIA_TEST_PICTURES names a folder to keep
 * each picture in, to look at. */
static void
measure_page (Pages      *p,
              const char *page,
              GtkWidget  *root)
{
  const char *pictures = g_getenv ("FASCIA_TEST_PICTURES");

  /* A page half slid in is not the page. */
  g_assert_true (fascia_test_wait_for (page_settled, root, 5000));

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      int width, height;
      Picture picture;

      set_style (p, &styles[s]);
      /* The window as drawn in that style, its drawings too: a machine kept busy draws its
       * next frame later. */
      g_assert_true (fascia_test_wait_for (views_drawn, root, 10000));
      g_assert_true (fascia_test_wait_for (frame_drawn, root, 10000));
      width = gtk_widget_get_width (root);
      height = gtk_widget_get_height (root);
      node = drawn_node (root);
      g_assert_nonnull (node);
      width *= SCALE;
      height *= SCALE;
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (root)), node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
      picture = (Picture) { g_malloc (width * 4 * height), width * 4, width, height };
      gdk_texture_download (texture, picture.pixels, picture.stride);

      if (pictures != NULL)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s.png", page, styles[s].name);
          g_autofree char *path = NULL;

          g_strdelimit (name, " ", '-');
          path = g_build_filename (pictures, name, NULL);
          g_assert_true (gdk_texture_save_to_png (texture, path));
        }

      measure_labels (p, s, page, &picture, root, root);
      g_free (picture.pixels);
    }
}

static gboolean
atlas_idle (gpointer user_data)
{
  Pages *p = user_data;

  return fascia_atlas_page_is_idle (p->atlas);
}

static void
show_atlas_card (Pages      *p,
                 const char *kind,
                 const char *id)
{
  gtk_widget_activate_action (GTK_WIDGET (p->window), "win.show-page", "s", "atlas");
  g_assert_true (fascia_atlas_page_open (p->atlas, kind, id));
  g_assert_true (fascia_test_wait_for (atlas_idle, p, 10000));
  fascia_ui_test_wait_idle (200);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (window))
        return window;
    }
  return NULL;
}

static void
test_pages (void)
{
  Pages p = { 0 };
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(GListModel) visits = NULL;
  g_autoptr(FasciaPlan) plan = NULL;
  g_autoptr(FasciaVisit) visit = NULL;
  FasciaStore *store;
  GtkWidget *other;

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    p.lowest[s] = G_MAXDOUBLE;
  p.a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
  p.dir = fascia_test_make_tmpdir ();
  db = g_build_filename (p.dir, "demo.db", NULL);
  g_assert_true (fascia_store_create_demo (db, &error));
  g_assert_no_error (error);
  /* Near a laptop's size, on the test's own screen: at scale 2 its 1920x1080 holds 960x540
   * (the window is never less than 480 high). A larger size would put the window on a
   * screen of its own (fascia_ui_test_window_new()), which the style switches below do not
   * reach. */
  p.window = fascia_ui_test_window_new (app, db, 960, 540, NULL);
  fascia_ui_test_wait_idle (300);
  p.atlas = fascia_window_get_atlas_page (p.window);
  p.study = fascia_window_get_study_page (p.window);
  store = fascia_window_get_store (p.window);

  /* The Atlas: a muscle's card, "Where does it hurt?" with what it found, a technique. */
  show_atlas_card (&p, "muscle", "quadratus-lumborum");
  measure_page (&p, "atlas", GTK_WIDGET (p.window));
  fascia_atlas_page_set_view (p.atlas, "posterior-deep");
  g_assert_true (fascia_test_wait_for (atlas_idle, &p, 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (p.atlas), "atlas.referral-mode", NULL));
  {
    FasciaDiagramView *view = FASCIA_DIAGRAM_VIEW (gtk_widget_get_template_child (GTK_WIDGET (p.atlas),
                                                                                  FASCIA_TYPE_ATLAS_PAGE,
                                                                                  "diagram_view"));
    const FasciaRegion *zone = fascia_diagram_lookup_region (fascia_diagram_view_get_diagram (view),
                                                             "rz-quadratus-lumborum-2-l");
    g_autofree char *spot = NULL;

    g_assert_nonnull (zone);
    spot = g_strdup_printf ("%.1f,%.1f", zone->x + zone->width / 2, zone->y + zone->height / 2);
    show_atlas_card (&p, "pain", spot);
  }
  measure_page (&p, "where-does-it-hurt", GTK_WIDGET (p.window));
  show_atlas_card (&p, "technique", "pin-and-stretch");
  measure_page (&p, "technique", GTK_WIDGET (p.window));
  fascia_atlas_page_set_presentation (p.atlas, TRUE);
  fascia_ui_test_wait_idle (300);
  g_assert_true (fascia_test_wait_for (atlas_idle, &p, 10000));
  measure_page (&p, "presentation", GTK_WIDGET (p.window));
  fascia_atlas_page_set_presentation (p.atlas, FALSE);

  /* The client list; a pregnant client's record, with its intake warning; her plan, a
   * visit with its body chart and her progress. */
  gtk_widget_activate_action (GTK_WIDGET (p.window), "win.show-page", "s", "clients");
  fascia_ui_test_wait_idle (300);
  measure_page (&p, "clients", GTK_WIDGET (p.window));
  p.clients = fascia_window_get_clients_page (p.window);
  p.client_view = fascia_clients_page_get_client_view (p.clients);
  found = fascia_store_list_clients (store, "Marigold", FASCIA_STORE_LIST_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  p.client = g_list_model_get_item (found, 0);
  g_assert_true (fascia_client_get_health_flags (p.client) & FASCIA_HEALTH_PREGNANCY);
  fascia_clients_page_select_client (p.clients, fascia_client_get_id (p.client));
  fascia_ui_test_wait_idle (300);
  measure_page (&p, "client", GTK_WIDGET (p.window));

  plans = fascia_store_list_plans (store, fascia_client_get_id (p.client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), >, 0);
  plan = g_list_model_get_item (plans, 0);
  fascia_client_view_open_plan (p.client_view, plan);
  fascia_ui_test_wait_idle (300);
  measure_page (&p, "plan", GTK_WIDGET (p.window));
  /* The plan's foot, its home exercises with their dose and how often, and the list of
   * exercises Add Exercise opens (a window of its own). */
  {
    FasciaPlanEditor *editor = fascia_client_view_get_plan_editor (p.client_view);
    GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                   FASCIA_TYPE_PLAN_EDITOR,
                                                                   "exercise_button"));
    GtkWidget *scroller = gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    GtkPopover *popover;

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    fascia_ui_test_wait_idle (300);
    measure_page (&p, "plan-exercises", GTK_WIDGET (p.window));
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    fascia_ui_test_wait_idle (500);
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
    measure_page (&p, "exercise-list", GTK_WIDGET (popover));
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
    fascia_ui_test_wait_idle (300);
  }

  visits = fascia_store_list_visits (store, fascia_client_get_id (p.client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (visits), >, 0);
  visit = g_list_model_get_item (visits, 0);
  fascia_client_view_open_visit (p.client_view, visit);
  fascia_ui_test_wait_idle (500);
  measure_page (&p, "visit", GTK_WIDGET (p.window));

  fascia_client_view_show_section (p.client_view, "progress");
  fascia_ui_test_wait_idle (300);
  measure_page (&p, "progress", GTK_WIDGET (p.window));

  /* Study: a question answered (right or wrong, the words say which), then the results. */
  gtk_widget_activate_action (GTK_WIDGET (p.window), "win.show-page", "s", "study");
  fascia_study_page_start (p.study, FASCIA_QUIZ_KIND_REFERRAL, 3);
  fascia_ui_test_wait_idle (500);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (p.study), "study.choose", "u", 1));
  fascia_ui_test_wait_idle (300);
  measure_page (&p, "study-question", GTK_WIDGET (p.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (p.study), "study.finish", NULL));
  fascia_ui_test_wait_idle (300);
  measure_page (&p, "study-results", GTK_WIDGET (p.window));

  /* The preferences and the keyboard shortcuts, windows of their own. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  fascia_ui_test_wait_idle (500);
  other = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (other);
  measure_page (&p, "preferences", other);
  gtk_window_destroy (GTK_WINDOW (other));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (p.window), "win.show-help-overlay", NULL));
  fascia_ui_test_wait_idle (500);
  other = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (other);
  measure_page (&p, "shortcuts", other);
  gtk_widget_set_visible (other, FALSE);

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    g_test_message ("%s: the lowest contrast of a label, %.2f:1", styles[s].name, p.lowest[s]);
  g_test_message ("%u labels and marks measured, %u below %.1f:1 (marks: %.1f:1)", p.n_measured,
                  p.n_failed, MIN_CONTRAST, MIN_GRAPHIC_CONTRAST);

  g_settings_reset (p.a11y, "high-contrast");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  fascia_ui_test_window_destroy (p.window);
  g_clear_object (&p.client);
  g_clear_object (&p.a11y);
  fascia_test_rm_rf (p.dir);
  g_free (p.dir);

  /* Enough of the window was seen for the count to mean something. */
  g_assert_cmpuint (p.n_measured, >, 400);
  g_assert_cmpuint (p.n_failed, ==, 0);
}


int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* See SCALE. */
  g_setenv ("GDK_SCALE", "2", TRUE);
  g_test_init (&argc, &argv, NULL);

  /* The application loads its stylesheet, as it does when it starts. */
  app = fascia_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fascia/ui/contrast/labels", test_contrast);
  g_test_add_func ("/fascia/ui/contrast/pages", test_pages);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
