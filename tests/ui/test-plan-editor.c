/* test-plan-editor.c — the plan editor in a laptop-sized window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fascia/fascia-atlas.h"
#include "fascia/fascia-muscle.h"
#include "fascia/fascia-store.h"
#include "fascia/fascia-technique.h"

#include "fascia-application.h"
#include "fascia-atlas-page.h"
#include "fascia-client-view.h"
#include "fascia-clients-page.h"
#include "fascia-plan-editor.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"
#include "fascia-ui-utils.h"
#include "fascia-window.h"

/*
 * The list of home exercises, opened by a real click on "Add Exercise" with the plan scrolled
 * to its foot in a 1024×640 window, lies within the window: it scrolls rather than running off
 * the screen; it is searched and used from the keyboard. Every control of a home exercise
 * shows whole at 1024×640 and 1280×800; a target's row folds at once.
 */

static FasciaApplication *app;

typedef FasciaUiTestSession Fixture;

typedef struct
{
  int width;
  int height;
} Size;

static const Size laptop = { 1024, 640 };
static const Size wide_laptop = { 1280, 800 };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Size *size = data != NULL ? data : &laptop;

  fascia_ui_test_session_open (f, app, NULL, size->width, size->height, "clients");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fascia_ui_test_session_close (f);
}

static FasciaClientView *
client_view (Fixture *f)
{
  return fascia_clients_page_get_client_view (fascia_window_get_clients_page (f->window));
}

/* @widget's box in the coordinates of its native's surface (a popover's own, or the
 * window's). */
static void
surface_bounds (GtkWidget       *widget,
                graphene_rect_t *bounds)
{
  GtkNative *native = gtk_widget_get_native (widget);
  double dx, dy;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (native), bounds));
  gtk_native_get_surface_transform (native, &dx, &dy);
  bounds->origin.x += dx;
  bounds->origin.y += dy;
}

/* A new client and a new plan for them, as Ctrl+N and Ctrl+Shift+P make them: the plan
 * open in the editor. */
static void
new_plan (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fascia_window_get_clients_page (f->window)),
                                             "clients.new", NULL));
  fascia_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.new-plan",
                                             NULL));
  fascia_test_iterate ();
}

static void
test_exercise_menu_in_window (Fixture       *f,
                              gconstpointer  data)
{
  FasciaPlanEditor *editor;
  GtkWidget *button;
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  GtkPopover *popover;
  GdkSurface *surface;
  graphene_rect_t window_box, menu_box;
  int width, height;

  new_plan (f);
  fascia_ui_test_wait_idle (300);
  editor = fascia_client_view_get_plan_editor (client_view (f));
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  g_assert_cmpint (width, <=, 1024);
  g_assert_cmpint (height, <=, 640);

  /* The plan scrolled to its foot, where the button is. */
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), FASCIA_TYPE_PLAN_EDITOR,
                                                      "exercise_button"));
  scroller = gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  fascia_ui_test_wait_idle (300);
  g_assert_true (gtk_widget_get_mapped (button));

  fascia_ui_test_click (button, gtk_widget_get_width (button) / 2.0,
                        gtk_widget_get_height (button) / 2.0);
  fascia_ui_test_wait_idle (800);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));

  /* The popover's box, in the window's surface: its surface sits where GDK put it. */
  surface = gtk_native_get_surface (GTK_NATIVE (popover));
  g_assert_true (GDK_IS_POPUP (surface));
  surface_bounds (GTK_WIDGET (popover), &menu_box);
  menu_box.origin.x += gdk_popup_get_position_x (GDK_POPUP (surface));
  menu_box.origin.y += gdk_popup_get_position_y (GDK_POPUP (surface));
  surface_bounds (GTK_WIDGET (f->window), &window_box);
  g_test_message ("window %g,%g %gx%g; menu %g,%g %gx%g",
                  window_box.origin.x, window_box.origin.y, window_box.size.width,
                  window_box.size.height, menu_box.origin.x, menu_box.origin.y,
                  menu_box.size.width, menu_box.size.height);
  g_assert_true (graphene_rect_contains_rect (&window_box, &menu_box));
  /* And shows more than a few of the exercises. */
  g_assert_cmpfloat (menu_box.size.height, >=, 200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, height);

  gtk_popover_popdown (popover);
  fascia_test_iterate ();
}

static GtkWidget *
editor_child (FasciaPlanEditor *editor,
              const char       *name)
{
  return fascia_ui_test_child (editor, FASCIA_TYPE_PLAN_EDITOR, name);
}

/* A client with a plan of the target muscles @targets, each treated with the @techniques
 * if there are any, and the home @exercises, each done as often as its one of @frequencies
 * says, with its one of @notes if there are any, open in the plan editor; returns the
 * editor. */
static FasciaPlanEditor *
open_plan_full (Fixture            *f,
                const char * const *targets,
                const char * const *techniques,
                const char * const *exercises,
                const char * const *frequencies,
                const char * const *notes)
{
  FasciaStore *store = fascia_window_get_store (f->window);
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(GError) error = NULL;

  fascia_client_set_name (client, "Percival Quagmire-Tumbleweed");
  g_assert_true (fascia_store_add_client (store, client, &error));
  g_assert_no_error (error);
  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, "Desk-worker low back");
  g_assert_true (fascia_store_add_plan (store, plan, &error));
  g_assert_no_error (error);
  for (guint i = 0; targets != NULL && targets[i] != NULL; i++)
    {
      g_autoptr(FasciaPlanTarget) target = fascia_plan_target_new ();

      fascia_plan_target_set_plan_id (target, fascia_plan_get_id (plan));
      fascia_plan_target_set_muscle_id (target, targets[i]);
      fascia_plan_target_set_side (target, FASCIA_SIDE_BOTH);
      fascia_plan_target_set_position (target, i);
      if (techniques != NULL)
        fascia_plan_target_set_technique_ids (target, techniques);
      g_assert_true (fascia_store_add_plan_target (store, target, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; exercises != NULL && exercises[i] != NULL; i++)
    {
      g_autoptr(FasciaHomeExercise) exercise = fascia_home_exercise_new ();

      fascia_home_exercise_set_plan_id (exercise, fascia_plan_get_id (plan));
      fascia_home_exercise_set_technique_id (exercise, exercises[i]);
      fascia_home_exercise_set_sets (exercise, 2);
      fascia_home_exercise_set_reps (exercise, 30);
      fascia_home_exercise_set_frequency (exercise, frequencies[i]);
      if (notes != NULL)
        fascia_home_exercise_set_notes (exercise, notes[i]);
      g_assert_true (fascia_store_add_home_exercise (store, exercise, &error));
      g_assert_no_error (error);
    }

  fascia_clients_page_select_client (fascia_window_get_clients_page (f->window),
                                     fascia_client_get_id (client));
  fascia_ui_test_wait_idle (300);
  fascia_client_view_open_plan (client_view (f), plan);
  fascia_ui_test_wait_idle (300);
  return fascia_client_view_get_plan_editor (client_view (f));
}

static FasciaPlanEditor *
open_plan_with_notes (Fixture            *f,
                      const char * const *targets,
                      const char * const *exercises,
                      const char * const *frequencies,
                      const char * const *notes)
{
  return open_plan_full (f, targets, NULL, exercises, frequencies, notes);
}

static FasciaPlanEditor *
open_plan (Fixture            *f,
           const char * const *targets,
           const char * const *exercises,
           const char * const *frequencies)
{
  return open_plan_full (f, targets, NULL, exercises, frequencies, NULL);
}

static void
scroll_to_foot (FasciaPlanEditor *editor)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (editor_child (editor, "exercise_list"),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  fascia_ui_test_wait_idle (300);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/* Issue 12: at 1024×640 the field of how often an exercise is done showed "twice a" of
 * "twice a day", squeezed beside the sets and repetitions. Each field's text shows whole, and
 * each control of an exercise lies whole within its row, without the window growing. So do
 * the exercise's notes, a few sentences long among them. */
static void
test_exercise_controls_whole (Fixture       *f,
                              gconstpointer  data)
{
  const char * const exercises[] = { "kneeling-hip-flexor-stretch", "glute-bridge",
                                     "figure-4-piriformis-stretch", NULL };
  const char * const frequencies[] = { "twice a day", "daily", "three times a week", NULL };
  const char * const notes[] = {
    "Hold 30 s each side; tuck pelvis",
    "",
    "Sit tall on the front edge of a firm chair, cross the ankle over the other knee and lean "
    "forward from the hips, not the back, until the stretch is felt deep in the buttock. "
    "Breathe out slowly; stop if it tingles or shoots down the leg. "
    "Pneumonoultramicroscopicsilicovolcanoconiosis-length-words-wrap-too.", NULL };
  const Size *size = data;
  FasciaPlanEditor *editor = open_plan_with_notes (f, NULL, exercises, frequencies, notes);
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GtkWidget *list = editor_child (editor, "exercise_list");
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  int width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int height = gtk_widget_get_height (GTK_WIDGET (f->window));

  g_assert_cmpint (width, <=, size->width);
  g_assert_cmpint (height, <=, size->height);
  scroll_to_foot (editor);

  collect (list, GTK_TYPE_TEXT, texts);
  g_assert_cmpuint (texts->len, >=, G_N_ELEMENTS (frequencies) - 1);
  for (guint i = 0; i < texts->len; i++)
    {
      GtkWidget *text = g_ptr_array_index (texts, i);
      const char *shown = gtk_editable_get_text (GTK_EDITABLE (text));
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (text, shown);
      int text_width;

      if (*shown == '\0')
        continue;
      pango_layout_get_pixel_size (layout, &text_width, NULL);
      g_test_message ("%dx%d: “%s” needs %d px, has %d", size->width, size->height, shown,
                      text_width, gtk_widget_get_width (text));
      g_assert_cmpint (text_width, <=, gtk_widget_get_width (text));
    }

  /* Nothing of a row is cut by its edge. */
  collect (list, GTK_TYPE_LIST_BOX_ROW, rows);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (exercises) - 1);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) controls = g_ptr_array_new ();

      collect (row, GTK_TYPE_WIDGET, controls);
      for (guint c = 0; c < controls->len; c++)
        {
          GtkWidget *control = g_ptr_array_index (controls, c);
          graphene_rect_t bounds;

          if (!GTK_IS_SPIN_BUTTON (control) && !GTK_IS_ENTRY (control) &&
              !GTK_IS_BUTTON (control) && !GTK_IS_LABEL (control) &&
              !GTK_IS_TEXT_VIEW (control))
            continue;
          g_assert_true (gtk_widget_compute_bounds (control, row, &bounds));
          g_assert_cmpfloat (bounds.origin.x, >=, 0);
          g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=,
                             gtk_widget_get_width (row));
          g_assert_cmpfloat (bounds.origin.y, >=, 0);
          g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                             gtk_widget_get_height (row));
          if (GTK_IS_LABEL (control))
            g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (control))));
        }
    }

  /* Each exercise has its notes, named for it, shown whole: the field grows with them, its
   * last line within it, rather than hiding their end. */
  collect (list, GTK_TYPE_TEXT_VIEW, views);
  g_assert_cmpuint (views->len, ==, G_N_ELEMENTS (exercises) - 1);
  for (guint i = 0; i < views->len; i++)
    {
      GtkTextView *view = g_ptr_array_index (views, i);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      g_autofree char *shown = NULL;
      GdkRectangle visible, first, last;
      GtkTextIter begin, end;

      gtk_text_buffer_get_bounds (buffer, &begin, &end);
      shown = gtk_text_buffer_get_text (buffer, &begin, &end, FALSE);
      g_assert_cmpstr (shown, ==, notes[i]);
      gtk_text_view_get_visible_rect (view, &visible);
      gtk_text_view_get_iter_location (view, &begin, &first);
      gtk_text_view_get_iter_location (view, &end, &last);
      g_test_message ("%dx%d: notes %d need %d px down, have %d×%d", size->width, size->height, i,
                      last.y + last.height, visible.width, visible.height);
      g_assert_cmpint (first.y, >=, visible.y);
      g_assert_cmpint (last.y + last.height, <=, visible.y + visible.height);
      g_assert_cmpint (last.x, <=, visible.x + visible.width);
    }

  /* Nor is any text of the form cut short, the exercises' heading among them. */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();

    collect (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      {
        GtkLabel *label = g_ptr_array_index (labels, i);

        if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
          g_error ("%dx%d: “%s” is cut short", size->width, size->height, gtk_label_get_text (label));
      }
  }

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, height);
}

/* Whether @label shows the whole of its text: nothing cut short, nothing past its edges, and
 * each line of it starting where a word starts (after a space or a hyphen), never inside a
 * word ("counte-rstrain"). */
static void
assert_label_whole (GtkLabel   *label,
                    const char *what)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);
  int layout_width, layout_height;

  pango_layout_get_pixel_size (layout, &layout_width, &layout_height);
  g_test_message ("%s: “%s” in %d lines, %d px of %d", what, text,
                  pango_layout_get_line_count (layout), layout_width,
                  gtk_widget_get_width (GTK_WIDGET (label)));
  if (pango_layout_is_ellipsized (layout))
    g_error ("%s: “%s” is cut short", what, text);
  g_assert_cmpint (layout_width, <=, gtk_widget_get_width (GTK_WIDGET (label)));
  g_assert_cmpint (layout_height, <=, gtk_widget_get_height (GTK_WIDGET (label)));
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;

      if (line->start_index > 0 && text[line->start_index - 1] != ' '
          && text[line->start_index - 1] != '-')
        g_error ("%s: “%s” breaks inside a word, before “%s”", what, text,
                 text + line->start_index);
    }
}

static gboolean
row_expanded (gpointer user_data)
{
  return adw_expander_row_get_expanded (ADW_EXPANDER_ROW (user_data));
}

/* Whether the header of @user_data, a row of the plan's form, is in the form's view; if it
 * is not, the form is scrolled to bring it to the top (again: a form still being laid out, on
 * a loaded machine, may not have been long enough to scroll that far, or may have been laid
 * out again since). */
static gboolean
row_header_in_view (gpointer user_data)
{
  GtkWidget *row = user_data;
  GtkWidget *form = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (form));
  graphene_point_t top;

  if (!gtk_widget_compute_point (row, form, &GRAPHENE_POINT_INIT (0, 0), &top))
    return FALSE;
  if (top.y >= 0 && top.y + 40 <= gtk_widget_get_height (form))
    return TRUE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top.y - 12);
  return FALSE;
}

/* Issue 12: in an open target's row the names of its techniques were cut to one line at
 * 1024×640 ("Muscle energy technique (post-isom…"), the whole name only in a tooltip. Each
 * name, chosen or offered, reads whole, wrapping between words, and the window keeps its
 * size. */
static void
test_technique_names_whole (Fixture       *f,
                            gconstpointer  data)
{
  const char * const targets[] = { "psoas-major", "quadratus-lumborum", NULL };
  const char * const chosen[] = { "muscle-energy-technique", NULL };
  const char * const exercises[] = { "kneeling-hip-flexor-stretch", NULL };
  const char * const frequencies[] = { "daily", NULL };
  const Size *size = data;
  FasciaPlanEditor *editor = open_plan_full (f, targets, chosen, exercises, frequencies, NULL);
  GtkWidget *list = editor_child (editor, "target_list");
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  GListModel *techniques = fascia_muscle_get_techniques (fascia_atlas_lookup_muscle (atlas,
                                                                                    "psoas-major"));
  int width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int height = gtk_widget_get_height (GTK_WIDGET (f->window));
  guint n_shown = 0;

  g_assert_cmpint (width, <=, size->width);
  g_assert_cmpint (height, <=, size->height);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_cmpstr (gtk_widget_get_name (row), ==, "psoas-major");
  /* The row at the top of the form, opened by a click. */
  {
    GtkWidget *form = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (form));
    graphene_point_t top;

    /* Scrolled there and drawn there before the pointer goes there (a loaded machine). */
    if (!fascia_test_wait_for (row_header_in_view, row, 5000))
      {
        g_assert_true (gtk_widget_compute_point (row, form, &GRAPHENE_POINT_INIT (0, 0), &top));
        g_error ("the row's header is at %g in a form %d px high (scrolled to %g of %g)", top.y,
                 gtk_widget_get_height (form), gtk_adjustment_get_value (adjustment),
                 gtk_adjustment_get_upper (adjustment));
      }
    fascia_ui_test_wait_idle (300);
  }
  fascia_ui_test_pointer_move (row, gtk_widget_get_width (row) / 3.0, 20);
  fascia_ui_test_wait_idle (300);
  fascia_ui_test_click (row, gtk_widget_get_width (row) / 3.0, 20);
  g_assert_true (fascia_test_wait_for (row_expanded, row, 5000));
  fascia_ui_test_wait_idle (500);

  for (guint i = 0; i < g_list_model_get_n_items (techniques); i++)
    {
      g_autoptr(FasciaTechnique) technique = g_list_model_get_item (techniques, i);
      const char *name = fascia_technique_get_name (technique);
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      GtkWidget *card = NULL;
      GtkLabel *title = NULL;
      graphene_rect_t bounds;

      if (g_str_equal (fascia_technique_get_kind (technique), "home-exercise"))
        continue;
      /* The technique's row: the one whose button adds or removes it. */
      collect (row, GTK_TYPE_BUTTON, buttons);
      for (guint b = 0; b < buttons->len && card == NULL; b++)
        if (g_str_equal (gtk_widget_get_name (buttons->pdata[b]),
                         fascia_technique_get_id (technique)))
          card = gtk_widget_get_ancestor (buttons->pdata[b], ADW_TYPE_ACTION_ROW);
      g_assert_nonnull (card);
      /* Its button is named for it: every technique's row has the same one. */
      {
        GtkWidget *button = NULL;
        g_autofree char *label = NULL;

        for (guint b = 0; b < buttons->len && button == NULL; b++)
          if (g_str_equal (gtk_widget_get_name (buttons->pdata[b]),
                           fascia_technique_get_id (technique)))
            button = buttons->pdata[b];
        label = g_strdup_printf ("%s, %s",
                                 g_strv_contains (chosen, fascia_technique_get_id (technique))
                                   ? "Remove from Plan" : "Add to Plan", name);
        gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL, label);
      }
      collect (card, GTK_TYPE_LABEL, labels);
      for (guint l = 0; l < labels->len && title == NULL; l++)
        if (g_str_equal (gtk_label_get_text (labels->pdata[l]), name))
          title = labels->pdata[l];
      g_assert_nonnull (title);
      assert_label_whole (title, name);
      /* Within its row, and the row within the list. */
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (title), card, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (card));
      g_assert_true (gtk_widget_compute_bounds (card, list, &bounds));
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (list));
      n_shown++;
    }
  /* The chosen technique and those offered. */
  g_assert_cmpuint (n_shown, >=, 4);
  /* And the target's own button says which target it removes. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    guint n_remove = 0;

    collect (row, GTK_TYPE_BUTTON, buttons);
    for (guint b = 0; b < buttons->len; b++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[b]), "Remove Target") == 0)
        {
          gtk_test_accessible_assert_property (GTK_ACCESSIBLE (buttons->pdata[b]),
                                               GTK_ACCESSIBLE_PROPERTY_LABEL,
                                               "Remove Target, Psoas major, both sides");
          n_remove++;
        }
    g_assert_cmpuint (n_remove, ==, 1);
  }
  /* So do its pressure, minutes and notes. */
  {
    g_autoptr(GPtrArray) combos = g_ptr_array_new ();
    g_autoptr(GPtrArray) spins = g_ptr_array_new ();
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();

    collect (row, ADW_TYPE_COMBO_ROW, combos);
    g_assert_cmpuint (combos->len, ==, 1);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (combos->pdata[0]),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Pressure, Psoas major, both sides");
    collect (row, GTK_TYPE_SPIN_BUTTON, spins);
    g_assert_cmpuint (spins->len, ==, 1);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spins->pdata[0]),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Minutes, Psoas major, both sides");
    collect (row, FASCIA_TYPE_ENTRY_ROW, entries);
    g_assert_cmpuint (entries->len, ==, 1);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entries->pdata[0]),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Notes, Psoas major, both sides");
    gtk_test_accessible_assert_property (
      GTK_ACCESSIBLE (fascia_entry_row_get_entry (entries->pdata[0])),
      GTK_ACCESSIBLE_PROPERTY_LABEL, "Notes, Psoas major, both sides");
  }

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, height);
}

/* Each exercise's notes field is there to click into, a line high at least, empty or not,
 * out of sight too, when the plan opens and after an exercise is added (which builds the list
 * again): a field below the part of the plan in sight kept the height of its margins alone
 * (a screen reader found it 0 px high) and grew when scrolled into sight, moving all below
 * it under the pointer. */
static void
assert_notes_fields_open (FasciaPlanEditor *editor,
                          guint             n_expected,
                          const char       *when)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  collect (editor_child (editor, "exercise_list"), GTK_TYPE_TEXT_VIEW, views);
  g_assert_cmpuint (views->len, ==, n_expected);
  for (guint i = 0; i < views->len; i++)
    {
      GtkWidget *view = views->pdata[i];
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (view, "Ag");
      int line_height;

      pango_layout_get_pixel_size (layout, NULL, &line_height);
      g_test_message ("%s: notes field %u is %d px high (a line is %d)", when, i,
                      gtk_widget_get_height (view), line_height);
      g_assert_cmpint (gtk_widget_get_height (view), >=, line_height);
    }
}

static void
test_notes_fields_open (Fixture       *f,
                             gconstpointer  data)
{
  const char * const exercises[] = { "clamshell", "glute-bridge", NULL };
  const char * const frequencies[] = { "daily", "daily", NULL };
  const char * const notes[] = { "Side-lying, gentle", "", NULL };
  FasciaPlanEditor *editor = open_plan_with_notes (f, NULL, exercises, frequencies, notes);

  assert_notes_fields_open (editor, 2, "opened");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "plan.add-exercise", "s",
                                             "bird-dog"));
  fascia_ui_test_wait_idle (500);
  assert_notes_fields_open (editor, 3, "after an exercise was added");
}

/* The plan's own text fields, its goals and its discharge criteria, show the whole of their
 * text at 1024×640, wrapped between words, in sight or scrolled out of it: the discharge
 * criteria were one line cut at the field's edge ("Comfortable sleep most nights unti"), and
 * the goals, below the part of the form in sight, kept the height of their margins until
 * scrolled to, when they grew under the pointer. */
static void
test_plan_texts_whole (Fixture       *f,
                       gconstpointer  data)
{
  FasciaStore *store = fascia_window_get_store (f->window);
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(GError) error = NULL;
  const char *goals = "Sleep through the night without hip pain\n"
                      "Walk 30 minutes comfortably\n"
                      "Lift the toddler from the floor without bracing against the cot";
  const char *discharge = "Comfortable sleep most nights until the third trimester, and able "
                          "to walk to the park and back without buttock pain";
  int width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int height = gtk_widget_get_height (GTK_WIDGET (f->window));
  FasciaPlanEditor *editor;
  guint n_checked = 0;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  fascia_client_set_name (client, "Marigold Puddingstone");
  g_assert_true (fascia_store_add_client (store, client, &error));
  g_assert_no_error (error);
  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, "Pregnancy low back and buttock");
  fascia_plan_set_goals (plan, goals);
  fascia_plan_set_discharge_criteria (plan, discharge);
  g_assert_true (fascia_store_add_plan (store, plan, &error));
  g_assert_no_error (error);
  fascia_clients_page_select_client (fascia_window_get_clients_page (f->window),
                                     fascia_client_get_id (client));
  fascia_ui_test_wait_idle (300);
  fascia_client_view_open_plan (client_view (f), plan);
  fascia_ui_test_wait_idle (500);
  editor = fascia_client_view_get_plan_editor (client_view (f));

  /* Nothing scrolled: the form as it opens. */
  collect (gtk_widget_get_ancestor (editor_child (editor, "target_list"),
                                    GTK_TYPE_SCROLLED_WINDOW), GTK_TYPE_TEXT_VIEW, views);
  for (guint i = 0; i < views->len; i++)
    {
      GtkTextView *view = views->pdata[i];
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      g_autofree char *shown = NULL;
      GtkTextIter begin, end;
      int y, line_height;

      gtk_text_buffer_get_bounds (buffer, &begin, &end);
      shown = gtk_text_buffer_get_text (buffer, &begin, &end, FALSE);
      if (!g_str_equal (shown, goals) && !g_str_equal (shown, discharge))
        continue;
      g_assert_cmpint (gtk_text_view_get_wrap_mode (view), ==, GTK_WRAP_WORD);
      /* Every line of it within the field's height. */
      gtk_text_view_get_line_yrange (view, &end, &y, &line_height);
      g_test_message ("“%.20s…”: its last line ends %d px down, the field is %d px high",
                      shown, y + line_height + gtk_text_view_get_top_margin (view),
                      gtk_widget_get_height (GTK_WIDGET (view)));
      g_assert_cmpint (line_height, >, 0);
      g_assert_cmpint (y + line_height + gtk_text_view_get_top_margin (view)
                       + gtk_text_view_get_bottom_margin (view), <=,
                       gtk_widget_get_height (GTK_WIDGET (view)));
      n_checked++;
    }
  /* Both are wrapping fields. */
  g_assert_cmpuint (n_checked, ==, 2);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, height);
}

/* A plan's title longer than the form is wide: the heading over the editor shows it whole,
 * wrapped at its words, where it was cut at "…, with tin…"; so does the title's own field,
 * where an entry showed its first words alone at 1024×640. The field is one paragraph: Enter
 * ends it (the title is saved, the keyboard goes on), and a line break pasted into it is a
 * space. The window keeps its size. */

static void
assert_wrapped_whole (PangoLayout *layout,
                      const char  *text,
                      int          width,
                      int          height)
{
  int layout_width, layout_height;

  pango_layout_get_pixel_size (layout, &layout_width, &layout_height);
  g_test_message ("%d×%d px in %d×%d, %d lines", layout_width, layout_height, width, height,
                  pango_layout_get_line_count (layout));
  g_assert_false (pango_layout_is_ellipsized (layout));
  g_assert_cmpint (pango_layout_get_line_count (layout), >, 1);
  g_assert_cmpint (layout_width, <=, width);
  g_assert_cmpint (layout_height, <=, height);
  /* Each line breaks between words. */
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL && l->next != NULL;
       l = l->next)
    {
      PangoLayoutLine *line = l->data;
      const char *end = text + line->start_index + line->length;

      g_assert_true (end[-1] == ' ' || end[0] == ' ');
    }
}

static gboolean
focus_left (gpointer field)
{
  return !gtk_widget_has_focus (field);
}

static void
test_long_title_whole (Fixture       *f,
                       gconstpointer  data)
{
  const char *title = "Desk-worker low back and left hip pain after long sitting, with tingling "
                      "down the back of the thigh into the calf on prolonged driving";
  int width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int height = gtk_widget_get_height (GTK_WIDGET (f->window));
  FasciaPlanEditor *editor = open_plan (f, NULL, NULL, NULL);
  GtkLabel *heading = GTK_LABEL (editor_child (editor, "heading_label"));
  GtkWidget *field = editor_child (editor, "title_view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field));
  g_autofree char *shown = NULL;
  g_autofree char *saved = NULL;
  GtkTextIter end;
  int y, line_height, lines = 0;

  fascia_ui_test_set_text (field, title);
  fascia_ui_test_wait_idle (300);
  g_assert_cmpstr (gtk_label_get_text (heading), ==, title);
  assert_wrapped_whole (gtk_label_get_layout (heading), title,
                        gtk_widget_get_width (GTK_WIDGET (heading)),
                        gtk_widget_get_height (GTK_WIDGET (heading)));

  /* The field: wrapped between words, every line of it within the field's height and
   * width, in sight as the plan opens. */
  g_assert_true (gtk_widget_get_mapped (field));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (field)), ==, GTK_WRAP_WORD);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (field), &end, &y, &line_height);
  g_test_message ("title field %d×%d px, its text %d px high",
                  gtk_widget_get_width (field), gtk_widget_get_height (field), y + line_height);
  g_assert_cmpint (line_height, >, 0);
  g_assert_cmpint (y + line_height, <=, gtk_widget_get_height (field));
  {
    GtkTextIter iter;

    gtk_text_buffer_get_start_iter (buffer, &iter);
    do
      {
        GdkRectangle place;

        gtk_text_view_get_iter_location (GTK_TEXT_VIEW (field), &iter, &place);
        g_assert_cmpint (place.x, <=, gtk_widget_get_width (field));
        lines++;
      }
    while (gtk_text_view_forward_display_line (GTK_TEXT_VIEW (field), &iter));
  }
  g_assert_cmpint (lines, >, 1);

  /* Enter at the end: no newline, the title saved at once, the keyboard on to the next
   * field. */
  gtk_widget_grab_focus (field);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  fascia_ui_test_wait_idle (100);
  fascia_ui_test_keys (field, "Return");
  g_assert_true (fascia_test_wait_for (focus_left, field, 5000));
  shown = fascia_ui_test_buffer_text (buffer);
  g_assert_cmpstr (shown, ==, title);
  saved = fascia_ui_test_query_text (f, "SELECT title FROM plans");
  g_assert_cmpstr (saved, ==, title);

  /* Lines pasted in are one. */
  g_clear_pointer (&shown, g_free);
  fascia_ui_test_set_text (field, "Low back\nleft hip\r\nthigh");
  shown = fascia_ui_test_buffer_text (buffer);
  g_assert_cmpstr (shown, ==, "Low back left hip thigh");

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, height);
}

/* The Atlas page's bar says which plan is open, and whose: with a long title the bar cut
 * the line at its end ("…, re…") and the client's name was never seen. It shows both whole,
 * wrapped at their words, and the window keeps its size. */
static void
test_atlas_plan_bar_whole (Fixture       *f,
                           gconstpointer  data)
{
  const char *title = "Desk-worker low back pain with referral into the left buttock and the "
                      "back of the thigh after long drives, reviewed every second week";
  int width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int height = gtk_widget_get_height (GTK_WIDGET (f->window));
  FasciaPlanEditor *editor = open_plan (f, NULL, NULL, NULL);
  FasciaAtlasPage *atlas;
  GtkWidget *label;
  const char *text;

  fascia_ui_test_set_text (editor_child (editor, "title_view"), title);
  fascia_plan_editor_flush (editor);
  fascia_ui_test_wait_idle (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "atlas"));
  fascia_ui_test_wait_idle (500);
  atlas = fascia_window_get_atlas_page (f->window);
  label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (atlas), FASCIA_TYPE_ATLAS_PAGE,
                                                     "plan_label"));
  g_assert_true (gtk_widget_get_mapped (label));
  text = gtk_label_get_text (GTK_LABEL (label));
  g_assert_nonnull (strstr (text, title));
  /* And the client's name after it. */
  g_assert_true (g_str_has_suffix (text, "Percival Quagmire-Tumbleweed"));
  assert_wrapped_whole (gtk_label_get_layout (GTK_LABEL (label)), text,
                        gtk_widget_get_width (label), gtk_widget_get_height (label));

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, height);
}

typedef struct
{
  AdwExpanderRow *row;
  guint           frames_folded;
} Folding;

static void
after_paint_cb (GdkFrameClock *clock,
                Folding       *folding)
{
  if (!adw_expander_row_get_expanded (folding->row))
    folding->frames_folded++;
}

static gboolean
folded_painted (gpointer user_data)
{
  return ((Folding *) user_data)->frames_folded > 0;
}

/* A target's row folds at once. AdwExpanderRow's revealer slid it shut over a quarter of a
 * second, and every frame of it laid out and repainted the form below the targets (the home
 * exercises) as they rose: after the frame that shows the row folded, nothing of the form but
 * the list of targets (its row's arrow turns) is repainted. */
static void
test_target_folds_at_once (Fixture       *f,
                           gconstpointer  data)
{
  const char * const targets[] = { "psoas-major", "quadratus-lumborum", "iliacus", NULL };
  const char * const exercises[] = { "kneeling-hip-flexor-stretch", "glute-bridge", NULL };
  const char * const frequencies[] = { "twice a day", "daily", NULL };
  FasciaPlanEditor *editor = open_plan (f, targets, exercises, frequencies);
  GtkWidget *list = editor_child (editor, "target_list");
  GtkWidget *form = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (form));
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  FasciaUiTestDamage *damage;
  cairo_region_t *drawn, *in_form;
  cairo_rectangle_int_t form_bounds, list_bounds;
  graphene_point_t top;
  Folding folding = { ADW_EXPANDER_ROW (row), 0 };
  gulong handler;

  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  fascia_ui_test_wait_idle (500);
  /* The open row at the top of the form, the exercises below in sight once it folds. */
  g_assert_true (gtk_widget_compute_point (row, form, &GRAPHENE_POINT_INIT (0, 0), &top));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top.y - 12);
  fascia_ui_test_wait_idle (500);
  fascia_ui_test_pointer_move (row, gtk_widget_get_width (row) / 3.0, 20);
  /* The focus on the row, as the click puts it: left in the client search, its blinking
   * cursor's repaints join the fold's in one box reaching over the form. */
  g_assert_true (gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), row));
  fascia_ui_test_wait_idle (300);

  damage = fascia_ui_test_damage_new (GTK_WIDGET (f->window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &folding);
  fascia_ui_test_click (row, gtk_widget_get_width (row) / 3.0, 20);
  g_assert_true (fascia_test_wait_for (folded_painted, &folding, 5000));
  g_signal_handler_disconnect (clock, handler);
  /* The frame that shows it folded repaints what moved. */
  cairo_region_destroy (fascia_ui_test_damage_take (damage));

  fascia_ui_test_wait_idle (500);
  drawn = fascia_ui_test_damage_take (damage);
  fascia_ui_test_damage_free (damage);

  fascia_ui_test_widget_bounds (form, &form_bounds);
  fascia_ui_test_widget_bounds (list, &list_bounds);
  /* Folded to its header (a revealer without a transition kept the height of the rows it
   * hid, blank). */
  g_test_message ("the folded row is %d px high", gtk_widget_get_height (row));
  g_assert_cmpint (gtk_widget_get_height (row), <, 100);
  in_form = cairo_region_copy (drawn);
  cairo_region_intersect_rectangle (in_form, &form_bounds);
  {
    cairo_rectangle_int_t extents;

    cairo_region_get_extents (in_form, &extents);
    g_test_message ("after the fold's frame, repainted in the form %dx%d+%d+%d in %d "
                    "rectangles; the list of targets %dx%d+%d+%d", extents.width, extents.height,
                    extents.x, extents.y, cairo_region_num_rectangles (in_form),
                    list_bounds.width, list_bounds.height, list_bounds.x, list_bounds.y);
  }
  /* The exercises are in sight below the targets. */
  g_assert_cmpint (list_bounds.y + list_bounds.height + 100, <, form_bounds.y + form_bounds.height);

  cairo_region_subtract_rectangle (in_form, &list_bounds);
  g_assert_true (cairo_region_is_empty (in_form));

  cairo_region_destroy (in_form);
  cairo_region_destroy (drawn);
}

/* Whether a label under @widget reads @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (gtk_label_get_text (g_ptr_array_index (labels, i)), text))
      return TRUE;
  return FALSE;
}

static GtkPopover *
open_exercise_menu (FasciaPlanEditor *editor)
{
  GtkWidget *button = editor_child (editor, "exercise_button");
  GtkPopover *popover;

  fascia_ui_test_click (button, gtk_widget_get_width (button) / 2.0,
                        gtk_widget_get_height (button) / 2.0);
  fascia_ui_test_wait_idle (800);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  return popover;
}

/* The exercises to add are a list to search, used from the keyboard: it opens ready to type
 * in, a few letters and Enter add the exercise they name, Down goes into the list and Enter
 * adds the one there. Each exercise and the search have a name a screen reader reads. */
static void
test_exercise_menu_keyboard (Fixture       *f,
                             gconstpointer  data)
{
  const char * const none[] = { NULL };
  FasciaPlanEditor *editor = open_plan (f, NULL, none, none);
  GtkWidget *list = editor_child (editor, "exercise_list");
  GtkWidget *choices, *search;
  GtkPopover *popover;
  GtkListBoxRow *row;
  guint n_choices = 0;

  scroll_to_foot (editor);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));

  popover = open_exercise_menu (editor);
  fascia_ui_test_type (GTK_WIDGET (popover), "clam");
  fascia_ui_test_keys (GTK_WIDGET (popover), "Return");
  fascia_ui_test_wait_idle (500);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  g_assert_true (shows_text (list, "Clamshell"));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));

  /* Each exercise, and the search, named for a screen reader. */
  choices = editor_child (editor, "exercise_choices");
  search = editor_child (editor, "exercise_search");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Search home exercises");
  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (choices), i)) != NULL; i++)
    {
      GtkWidget *label = gtk_list_box_row_get_child (row);

      g_assert_true (GTK_IS_LABEL (label));
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           gtk_label_get_text (GTK_LABEL (label)));
      n_choices++;
    }
  /* Every stretch and home exercise of the atlas. */
  {
    GListModel *techniques = fascia_atlas_get_techniques (fascia_ui_get_atlas ());
    guint n_exercises = 0;

    for (guint i = 0; i < g_list_model_get_n_items (techniques); i++)
      {
        g_autoptr(FasciaTechnique) technique = g_list_model_get_item (techniques, i);
        const char *kind = fascia_technique_get_kind (technique);

        n_exercises += g_str_equal (kind, "stretch") || g_str_equal (kind, "home-exercise");
      }
    g_assert_cmpuint (n_exercises, >, 10);
    g_assert_cmpuint (n_choices, ==, n_exercises);
  }

  /* Opened again, it shows every exercise, from the top. */
  scroll_to_foot (editor);
  popover = open_exercise_menu (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  fascia_ui_test_type (GTK_WIDGET (popover), "hip flex");
  fascia_ui_test_keys (GTK_WIDGET (popover), "Down Return");
  fascia_ui_test_wait_idle (500);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_assert_true (shows_text (list, "Kneeling hip flexor stretch"));
}

/* The text view of the notes in the exercise row that reads @name. */
static GtkWidget *
exercise_notes (FasciaPlanEditor *editor,
                const char       *name)
{
  GtkListBox *list = GTK_LIST_BOX (editor_child (editor, "exercise_list"));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      g_autoptr(GPtrArray) views = g_ptr_array_new ();

      if (!shows_text (GTK_WIDGET (row), name))
        continue;
      collect (GTK_WIDGET (row), GTK_TYPE_TEXT_VIEW, views);
      g_assert_cmpuint (views->len, ==, 1);
      return g_ptr_array_index (views, 0);
    }
  g_error ("no exercise “%s”", name);
}

static char *
view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter begin, end;

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  return gtk_text_buffer_get_text (buffer, &begin, &end, FALSE);
}

/* The controls of the exercise row that holds @notes each name the exercise @name. */
static void
assert_exercise_controls_named (GtkWidget  *notes,
                                const char *name)
{
  GtkWidget *row = gtk_widget_get_ancestor (notes, GTK_TYPE_LIST_BOX_ROW);
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autofree char *sets = g_strdup_printf ("Sets, %s", name);
  g_autofree char *reps = g_strdup_printf ("Repetitions, %s", name);
  g_autofree char *often = g_strdup_printf ("How often, %s", name);
  g_autofree char *remove = g_strdup_printf ("Remove Exercise, %s", name);
  guint n_buttons = 0;

  collect (row, GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, ==, 2);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spins->pdata[0]),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, sets);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spins->pdata[1]),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, reps);
  collect (row, GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entries->pdata[0]),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, often);
  collect (row, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Remove Exercise") == 0)
      {
        gtk_test_accessible_assert_property (GTK_ACCESSIBLE (buttons->pdata[i]),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL, remove);
        n_buttons++;
      }
  g_assert_cmpuint (n_buttons, ==, 1);
}

/* A home exercise's notes, printed in the handout, are shown and edited in the plan editor:
 * the demo clinic's "Hold 30 s each side; tuck pelvis" shows under its stretch; Tab from how
 * often the bridge is done goes to its notes, and what is typed there, markup-like characters
 * and all, is saved as typed. Each field is named for its exercise. */
static void
test_exercise_notes (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *demo = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaPlan) plan = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *saved = NULL;
  const char *typed = "Squeeze <b>glutes</b> & hold 2 s";
  g_autofree char *sql = NULL;
  FasciaUiTestSession session = { 0 };
  Fixture *f = &session;
  FasciaPlanEditor *editor;
  GtkWidget *stretch_notes, *bridge_notes, *frequency, *focus;
  gint64 plan_id;

  g_assert_true (fascia_store_create_demo (demo, &error));
  g_assert_no_error (error);
  fascia_ui_test_session_open (&session, app, demo, laptop.width, laptop.height, "clients");

  plan_id = fascia_ui_test_query_int (f, "SELECT plan_id FROM home_exercises "
                                         "WHERE notes = 'Hold 30 s each side; tuck pelvis'");
  plan = fascia_store_get_plan (fascia_window_get_store (f->window), plan_id, &error);
  g_assert_no_error (error);
  fascia_clients_page_select_client (fascia_window_get_clients_page (f->window),
                                     fascia_plan_get_client_id (plan));
  fascia_ui_test_wait_idle (300);
  fascia_client_view_open_plan (client_view (f), plan);
  fascia_ui_test_wait_idle (300);
  editor = fascia_client_view_get_plan_editor (client_view (f));
  scroll_to_foot (editor);

  /* The demo's note, shown. */
  stretch_notes = exercise_notes (editor, "Kneeling hip flexor stretch");
  shown = view_text (stretch_notes);
  g_assert_cmpstr (shown, ==, "Hold 30 s each side; tuck pelvis");
  g_assert_true (gtk_widget_get_mapped (stretch_notes));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (stretch_notes),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Notes, Kneeling hip flexor stretch");

  /* Tab from how often the bridge is done reaches its notes. */
  bridge_notes = exercise_notes (editor, "Glute bridge");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (bridge_notes),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Notes, Glute bridge");
  {
    GtkWidget *row = gtk_widget_get_ancestor (bridge_notes, GTK_TYPE_LIST_BOX_ROW);
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();

    collect (row, GTK_TYPE_ENTRY, entries);
    g_assert_cmpuint (entries->len, ==, 1);
    frequency = g_ptr_array_index (entries, 0);
  }
  /* So is each of its other controls: a screen reader reads "Sets, Glute bridge", not a
   * "Sets" that could be any exercise's. */
  assert_exercise_controls_named (exercise_notes (editor, "Kneeling hip flexor stretch"),
                                  "Kneeling hip flexor stretch");
  assert_exercise_controls_named (bridge_notes, "Glute bridge");

  g_assert_true (gtk_widget_grab_focus (frequency));
  fascia_ui_test_wait_idle (200);
  fascia_ui_test_keys (bridge_notes, "Tab");
  fascia_ui_test_wait_idle (300);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == bridge_notes);

  fascia_ui_test_type (bridge_notes, typed);
  fascia_ui_test_wait_idle (FASCIA_SAVE_DELAY_MS + 600);
  g_free (shown);
  shown = view_text (bridge_notes);
  g_assert_cmpstr (shown, ==, typed);
  sql = g_strdup_printf ("SELECT notes FROM home_exercises WHERE plan_id = %" G_GINT64_FORMAT
                         " AND technique_id = 'glute-bridge' AND deleted_at IS NULL", plan_id);
  saved = fascia_ui_test_query_text (f, sql);
  g_assert_cmpstr (saved, ==, typed);
  /* The stretch's notes are as they were. */
  g_free (sql);
  g_free (saved);
  sql = g_strdup_printf ("SELECT notes FROM home_exercises WHERE plan_id = %" G_GINT64_FORMAT
                         " AND technique_id = 'kneeling-hip-flexor-stretch'", plan_id);
  saved = fascia_ui_test_query_text (f, sql);
  g_assert_cmpstr (saved, ==, "Hold 30 s each side; tuck pelvis");

  fascia_ui_test_session_close (&session);
  fascia_test_rm_rf (dir);
}

/* Issue 12: the mouse wheel turned over the plan scrolls it, and changes no number it passes
 * over. A spin button took the wheel for itself: scrolling the form with the pointer crossing
 * an exercise's repetitions set them to 0, and saved that. */
static void
test_wheel_changes_no_number (Fixture       *f,
                              gconstpointer  data)
{
  const char * const exercises[] = { "kneeling-hip-flexor-stretch", "glute-bridge",
                                     "figure-4-piriformis-stretch", NULL };
  const char * const frequencies[] = { "daily", "daily", "daily", NULL };
  FasciaPlanEditor *editor = open_plan (f, NULL, exercises, frequencies);
  GtkWidget *scroller = gtk_widget_get_ancestor (editor_child (editor, "exercise_list"),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkWidget *spin = NULL;
  double before, scrolled;

  /* The last spin button on screen with room above it to scroll to: the foot of the plan. */
  scroll_to_foot (editor);
  collect (GTK_WIDGET (editor), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, >=, 6);
  for (guint i = spins->len; i > 0 && spin == NULL; i--)
    {
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (spins->pdata[i - 1], scroller, &bounds)
          && bounds.origin.y >= 0
          && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller))
        spin = spins->pdata[i - 1];
    }
  g_assert_nonnull (spin);
  before = gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
  g_assert_cmpfloat (before, >, 0);
  scrolled = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (scrolled, >, 0);

  /* Up, with the pointer on the number: the plan moves, the number stays. */
  fascia_ui_test_scroll (spin, gtk_widget_get_width (spin) / 4.0,
                         gtk_widget_get_height (spin) / 2.0, TRUE, FALSE);
  fascia_ui_test_wait_idle (300);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, before);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, scrolled);

  /* The keyboard still changes it, once it has the focus. */
  gtk_widget_grab_focus (spin);
  fascia_ui_test_keys (spin, "Up");
  fascia_ui_test_wait_idle (300);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, before + 1);
}

/* A click on a muscle's label in the plan's diagram picks that muscle as a target, as a click
 * on the muscle does (it did nothing: the label lies beside the body, on no region). */
static void
test_label_picks_target (Fixture       *f,
                         gconstpointer  data)
{
  FasciaPlanEditor *editor = open_plan (f, NULL, NULL, NULL);
  FasciaDiagramView *view = fascia_plan_editor_get_diagram_view (editor);
  const FasciaRegion *named;
  guint before;
  double wx = 0, wy = 0;

  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, view, 10000));
  named = fascia_ui_test_find_muscle_label (view, &wx, &wy);
  g_assert_nonnull (named);

  before = g_list_model_get_n_items (fascia_plan_editor_get_targets (editor));
  fascia_ui_test_pointer_move (GTK_WIDGET (view), wx, wy);
  fascia_ui_test_click (GTK_WIDGET (view), wx, wy);
  fascia_ui_test_wait_idle (300);
  g_assert_cmpuint (g_list_model_get_n_items (fascia_plan_editor_get_targets (editor)), ==, before + 1);
}

/* A new plan's title is chosen whole, as the focus lands on it: what is typed is the title.
 * The cursor stood after "New plan", and "Low back" typed at once made "New planLow back". */
static void
test_new_title_typed_over (Fixture       *f,
                           gconstpointer  data)
{
  FasciaPlanEditor *editor;
  GtkWidget *title;
  FasciaPlan *plan;

  new_plan (f);
  fascia_ui_test_wait_idle (300);
  editor = fascia_client_view_get_plan_editor (client_view (f));
  title = fascia_ui_test_child (editor, FASCIA_TYPE_PLAN_EDITOR, "title_view");
  g_assert_true (gtk_widget_has_focus (title));

  fascia_ui_test_type (title, "Low back");
  fascia_ui_test_wait_idle (200);
  fascia_plan_editor_flush (editor);
  plan = fascia_plan_editor_get_plan (editor);
  g_assert_nonnull (plan);
  g_assert_cmpstr (fascia_plan_get_title (plan), ==, "Low back");
}

static const char *
shown_view (FasciaPlanEditor *editor)
{
  return fascia_ui_get_dropdown_view (GTK_DROP_DOWN (fascia_ui_test_child (editor,
                                                                           FASCIA_TYPE_PLAN_EDITOR,
                                                                           "view_dropdown")));
}

/* A plan opens on a view that shows its targets when the view shown has none of them: a plan
 * for buttock pain, its targets piriformis and gluteus minimus, opened on the front view, where
 * neither is drawn, and nothing was outlined on the diagram the plan's line says outlines its
 * targets. A view that shows one of them is kept. */
static void
test_opens_on_targets_view (Fixture       *f,
                            gconstpointer  data)
{
  FasciaPlanEditor *editor;
  g_autoptr(FasciaPlan) plan = NULL;

  new_plan (f);
  editor = fascia_client_view_get_plan_editor (client_view (f));
  plan = g_object_ref (fascia_plan_editor_get_plan (editor));
  fascia_plan_editor_show_view (editor, "posterior-deep");
  g_assert_true (fascia_plan_editor_toggle_region (editor, "m-piriformis-r"));
  fascia_test_iterate ();

  /* Closed, the front view chosen (for another plan), and opened again. */
  g_signal_emit_by_name (editor, "closed");
  fascia_test_iterate ();
  fascia_plan_editor_show_view (editor, "anterior");
  fascia_client_view_open_plan (client_view (f), plan);
  fascia_test_iterate ();
  g_assert_true (fascia_plan_editor_get_plan (editor) == plan);
  g_test_message ("opened on %s", shown_view (editor));
  g_assert_cmpstr (shown_view (editor), ==, "posterior-deep");

  /* The inside view of the pelvis shows piriformis too: it is kept. */
  g_signal_emit_by_name (editor, "closed");
  fascia_test_iterate ();
  fascia_plan_editor_show_view (editor, "pelvis-medial");
  fascia_client_view_open_plan (client_view (f), plan);
  fascia_test_iterate ();
  g_assert_cmpstr (shown_view (editor), ==, "pelvis-medial");
}

/* A screen reader is told what Enter does on the plan's drawing: it was told the Atlas's
 * "Enter opens a part's card", where Enter adds or removes a target. */
static void
test_diagram_says_enter (Fixture       *f,
                         gconstpointer  data)
{
  FasciaPlanEditor *editor;

  new_plan (f);
  editor = fascia_client_view_get_plan_editor (client_view (f));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fascia_plan_editor_get_diagram_view (editor)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Tab moves into the drawing, the arrow keys from one part "
                                       "to the next, Enter adds a muscle to the plan’s targets or "
                                       "removes it");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  app = fascia_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/fascia/ui/plan-editor/label-picks-target", Fixture, &laptop,
              fixture_set_up, test_label_picks_target, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/exercise-menu-in-window", Fixture, NULL,
              fixture_set_up, test_exercise_menu_in_window, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/exercise-menu-keyboard", Fixture, NULL,
              fixture_set_up, test_exercise_menu_keyboard, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/target-folds-at-once", Fixture, &wide_laptop,
              fixture_set_up, test_target_folds_at_once, fixture_tear_down);
  g_test_add_func ("/fascia/ui/plan-editor/exercise-notes", test_exercise_notes);
  g_test_add ("/fascia/ui/plan-editor/wheel-changes-no-number", Fixture, &laptop,
              fixture_set_up, test_wheel_changes_no_number, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/exercise-controls-whole-1024x640", Fixture, &laptop,
              fixture_set_up, test_exercise_controls_whole, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/exercise-controls-whole-1280x800", Fixture, &wide_laptop,
              fixture_set_up, test_exercise_controls_whole, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/notes-fields-open", Fixture, &laptop,
              fixture_set_up, test_notes_fields_open, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/atlas-plan-bar-whole", Fixture, &laptop,
              fixture_set_up, test_atlas_plan_bar_whole, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/long-title-whole", Fixture, &laptop,
              fixture_set_up, test_long_title_whole, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/new-title-typed-over", Fixture, &laptop,
              fixture_set_up, test_new_title_typed_over, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/opens-on-targets-view", Fixture, &laptop,
              fixture_set_up, test_opens_on_targets_view, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/diagram-says-enter", Fixture, &laptop,
              fixture_set_up, test_diagram_says_enter, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/plan-texts-whole", Fixture, &laptop,
              fixture_set_up, test_plan_texts_whole, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/technique-names-whole-1024x640", Fixture, &laptop,
              fixture_set_up, test_technique_names_whole, fixture_tear_down);
  g_test_add ("/fascia/ui/plan-editor/technique-names-whole-1280x800", Fixture, &wide_laptop,
              fixture_set_up, test_technique_names_whole, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
