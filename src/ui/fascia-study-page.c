/* fascia-study-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-study-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia-diagram-view.h"
#include "fascia-height-for-width-layout.h"
#include "fascia-region-text.h"
#include "fascia-study-page.h"
#include "fascia-ui-utils.h"

/*
 * One page, three states in a GtkStack: "start" (choose a quiz; progress per muscle),
 * "question" (the diagram with labels hidden beside the question) and "results".
 * The round itself is a FasciaQuiz from core; this page only shows it, lights the regions its
 * questions name and records each answer as it is given, so that a round left half-way
 * still counts.
 *
 * Results go to the store's study_results table (item = muscle id, quiz kind = the kind's
 * nick); the store keeps each item's Leitner box in study_items, which this page reads back
 * into a FasciaStudyProgress for the next round. Without a store (tests, a database that
 * would not open) the progress lives only as long as the page.
 */

#define MAX_CHOICE_KEYS 4

/* The region styles a question may set, cleared before the next. */
#define QUIZ_STYLES (FASCIA_REGION_STYLE_SELECTED | FASCIA_REGION_STYLE_ORIGIN | \
                     FASCIA_REGION_STYLE_INSERTION | FASCIA_REGION_STYLE_SHOWN)

struct _FasciaStudyPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkListBox          *kind_list;
  GtkListBox          *progress_list;
  gboolean             progress_stale;  /* the list waits for the page to show */
  gboolean             progress_made;   /* the list was made once */
  guint                progress_limit;  /* rows made so far at the first showing, or 0: all */
  guint                progress_rest_id;
  gulong               progress_paint_id;
  gulong               progress_layout_id;  /* the first showing's rows fill the page */
  FasciaDiagramView   *diagram_view;
  GtkLabel            *position_label;
  GtkLabel            *prompt_label;
  gboolean             prompt_tab_into_drawing; /* the question starts there, not yet left */
  GtkLabel            *hint_label;
  GtkLabel            *find_help_label;
  GtkBox              *choices_box;
  GtkLabel            *feedback_label;
  GtkButton           *next_button;
  AdwStatusPage       *results_page;
  GtkLabel            *missed_heading;
  GtkListBox          *missed_list;
  GtkButton           *restart_button;

  /* Owned */
  FasciaAtlas         *atlas;
  FasciaStore         *store;
  FasciaQuiz          *quiz;
  FasciaStudyProgress *progress;
  GHashTable          *diagrams;        /* view id → FasciaDiagram */
  GPtrArray           *choice_buttons;  /* of GtkButton, borrowed from choices_box */
};

G_DEFINE_FINAL_TYPE (FasciaStudyPage, fascia_study_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUIZ,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
fascia_study_page_new (void)
{
  return g_object_new (FASCIA_TYPE_STUDY_PAGE, NULL);
}

/**
 * fascia_study_page_get_quiz:
 *
 * Returns: (transfer none) (nullable): the round being asked or just finished
 */
FasciaQuiz *
fascia_study_page_get_quiz (FasciaStudyPage *self)
{
  g_return_val_if_fail (FASCIA_IS_STUDY_PAGE (self), NULL);

  return self->quiz;
}

/**
 * fascia_study_page_get_progress:
 *
 * Returns: (transfer none): the student's Leitner boxes, as the next round will use them
 */
FasciaStudyProgress *
fascia_study_page_get_progress (FasciaStudyPage *self)
{
  g_return_val_if_fail (FASCIA_IS_STUDY_PAGE (self), NULL);

  return self->progress;
}

GtkWidget *
fascia_study_page_get_diagram_view (FasciaStudyPage *self)
{
  g_return_val_if_fail (FASCIA_IS_STUDY_PAGE (self), NULL);

  return GTK_WIDGET (self->diagram_view);
}

/**
 * fascia_study_page_get_choice_button:
 *
 * Returns: (transfer none) (nullable): the button of choice @index of the current question
 */
GtkWidget *
fascia_study_page_get_choice_button (FasciaStudyPage *self,
                                     guint            index)
{
  g_return_val_if_fail (FASCIA_IS_STUDY_PAGE (self), NULL);

  if (index >= self->choice_buttons->len)
    return NULL;

  return g_ptr_array_index (self->choice_buttons, index);
}

static void
show_error (FasciaStudyPage *self,
            const char      *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    fascia_ui_toast (overlay, text);
  else
    g_warning ("%s", text);
}

static void update_progress_list (FasciaStudyPage *self);

/* --- Progress --------------------------------------------------------------------------- */

static void
load_progress (FasciaStudyPage *self)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->progress);
  self->progress = fascia_study_progress_new ();

  if (self->store == NULL)
    return;

  items = fascia_store_list_study_items (self->store, NULL, &error);
  if (items == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not read your study progress: %s"),
                                               error->message);

      show_error (self, text);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(FasciaStudyItem) item = g_list_model_get_item (items, i);
      GDateTime *last = fascia_study_item_get_last_answered_at (item);
      FasciaQuizKind kind;

      /* Rows from a later Fascia's quizzes are kept but not shown. */
      if (!fascia_quiz_kind_from_string (fascia_study_item_get_quiz_kind (item), &kind) ||
          fascia_atlas_lookup_muscle (self->atlas, fascia_study_item_get_item_id (item)) == NULL)
        continue;

      fascia_study_progress_set_item (self->progress, kind,
                                      fascia_study_item_get_item_id (item),
                                      fascia_study_item_get_box (item),
                                      last != NULL ? g_date_time_to_unix (last) : 0,
                                      fascia_study_item_get_correct (item),
                                      fascia_study_item_get_wrong (item));
    }
}

static void
save_result (FasciaStudyPage    *self,
             FasciaQuizQuestion *question)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  FasciaQuizKind kind = fascia_quiz_question_get_kind (question);
  const char *muscle_id = fascia_quiz_question_get_muscle_id (question);
  gboolean correct = fascia_quiz_question_get_correct (question);

  fascia_study_progress_add_result (self->progress, kind, muscle_id, correct,
                                    g_date_time_to_unix (now));

  if (self->store != NULL &&
      !fascia_store_add_study_result (self->store, muscle_id, fascia_quiz_kind_to_string (kind),
                                      correct, now, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the answer: %s"),
                                               error->message);

      show_error (self, text);
    }
}

/**
 * fascia_study_page_get_store:
 *
 * Returns: (transfer none) (nullable): the database results are kept in
 */
FasciaStore *
fascia_study_page_get_store (FasciaStudyPage *self)
{
  g_return_val_if_fail (FASCIA_IS_STUDY_PAGE (self), NULL);

  return self->store;
}

/**
 * fascia_study_page_set_store:
 * @store: (nullable): the database to keep results in
 *
 * Reads the student's progress from @store and keeps every answer there from now on.
 */
void
fascia_study_page_set_store (FasciaStudyPage *self,
                             FasciaStore     *store)
{
  g_return_if_fail (FASCIA_IS_STUDY_PAGE (self));
  g_return_if_fail (store == NULL || FASCIA_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  if (self->atlas != NULL)
    {
      load_progress (self);
      update_progress_list (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static char *
progress_subtitle (FasciaStudyPage *self,
                   const char      *muscle_id)
{
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *date = NULL;
  guint box, n_right, n_answered;
  gint64 last_answered;

  if (!fascia_study_progress_get_muscle_summary (self->progress, muscle_id, &box,
                                                 &last_answered, &n_right, &n_answered))
    return g_strdup (_("Not studied yet"));

  last = g_date_time_new_from_unix_local (last_answered);
  date = fascia_ui_format_date (last);

  /* Translators: progress on one muscle: its Leitner box, the date of its last answer
   * and the share of right answers, e.g. “Box 2 of 5 · last answered 3 Dec 2024 · 75% right” */
  return g_strdup_printf (_("Box %u of 5 · last answered %s · %u%% right"),
                          box, date, n_answered > 0 ? n_right * 100 / n_answered : 0);
}

static void
append_progress_row (FasciaStudyPage *self,
                     FasciaMuscle    *muscle)
{
  g_autofree char *subtitle = progress_subtitle (self, fascia_muscle_get_id (muscle));
  GtkWidget *row = adw_action_row_new ();
  guint box = 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fascia_muscle_get_name (muscle));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  fascia_study_progress_get_muscle_summary (self->progress, fascia_muscle_get_id (muscle),
                                            &box, NULL, NULL, NULL);
  if (box > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", box);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, box >= 4 ? "success" : box <= 1 ? "error" : "accent");
      gtk_widget_add_css_class (label, "title-4");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  fascia_height_for_width_layout_take_row_text (ADW_ACTION_ROW (row));
  gtk_list_box_append (self->progress_list, row);
}

/* The rows up to @limit (all, if 0) not made yet. */
static void
append_progress_rows (FasciaStudyPage *self,
                      guint            from,
                      guint            limit)
{
  GListModel *muscles = fascia_atlas_get_muscles (self->atlas);
  guint n = g_list_model_get_n_items (muscles);

  for (guint i = from; i < (limit > 0 ? MIN (limit, n) : n); i++)
    {
      g_autoptr(FasciaMuscle) muscle = g_list_model_get_item (muscles, i);

      append_progress_row (self, muscle);
    }
}

static void
stop_progress_rest (FasciaStudyPage *self)
{
  g_clear_handle_id (&self->progress_rest_id, g_source_remove);
  if (self->progress_paint_id != 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (clock != NULL)
        g_signal_handler_disconnect (clock, self->progress_paint_id);
      self->progress_paint_id = 0;
    }
  if (self->progress_layout_id != 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (clock != NULL)
        g_signal_handler_disconnect (clock, self->progress_layout_id);
      self->progress_layout_id = 0;
    }
}

static gboolean
progress_rest_cb (gpointer user_data)
{
  FasciaStudyPage *self = user_data;
  guint made = self->progress_limit;

  self->progress_rest_id = 0;
  self->progress_limit = 0;
  if (self->atlas != NULL)
    append_progress_rows (self, made, 0);
  return G_SOURCE_REMOVE;
}

static void
progress_painted_cb (GdkFrameClock   *clock,
                     FasciaStudyPage *self)
{
  g_signal_handler_disconnect (clock, self->progress_paint_id);
  self->progress_paint_id = 0;
  if (self->progress_layout_id != 0)
    g_signal_handler_disconnect (clock, self->progress_layout_id);
  self->progress_layout_id = 0;
  self->progress_rest_id = g_idle_add_full (G_PRIORITY_LOW, progress_rest_cb, self, NULL);
}

/* The rows made for the page's first frame: a few, then as many as its layout finds room for
 * (progress_layout_cb()). */
#define FIRST_PROGRESS_ROWS 4

/*
 * After each layout of the page's first frame (in the same frame: GTK lays the window out
 * again before it paints when a layout queues another): rows until one lies wholly below the
 * foot of the page, each as high as the last one made. The quiz kinds above the list leave
 * room for 7 rows at 800 px, where the window's height alone would hold 21 (each row styled,
 * laid out and measured before the window answers).
 */
static void
progress_layout_cb (GdkFrameClock   *clock,
                    FasciaStudyPage *self)
{
  GtkWidget *scroller, *last = NULL;
  graphene_rect_t bounds;
  guint more;
  int foot;

  if (self->progress_limit == 0 || self->atlas == NULL
      || self->progress_limit >= g_list_model_get_n_items (fascia_atlas_get_muscles (self->atlas)))
    return;
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->progress_list), GTK_TYPE_SCROLLED_WINDOW);
  for (GtkWidget *row = gtk_widget_get_last_child (GTK_WIDGET (self->progress_list));
       row != NULL && last == NULL; row = gtk_widget_get_prev_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      last = row;
  foot = scroller != NULL ? gtk_widget_get_height (scroller) : 0;
  /* Not laid out yet, or already below the foot: nothing more for this frame. */
  if (last == NULL || foot <= 0 || !gtk_widget_compute_bounds (last, scroller, &bounds)
      || bounds.size.height < 1 || bounds.origin.y >= foot)
    return;

  more = (guint) ((foot - bounds.origin.y) / bounds.size.height) + 1;
  append_progress_rows (self, self->progress_limit, self->progress_limit + more);
  /* All of them, in a very high window: the rest, after the frame, is then none. */
  self->progress_limit = MIN (self->progress_limit + more,
                              g_list_model_get_n_items (fascia_atlas_get_muscles (self->atlas)));
}

static void
update_progress_list (FasciaStudyPage *self)
{
  GtkWidget *child;
  GdkFrameClock *clock;
  gboolean first;

  /* A row for every muscle: made when the page shows, not while another page does (at
   * start-up, most often). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->progress_stale = TRUE;
      return;
    }
  self->progress_stale = FALSE;
  first = !self->progress_made;
  self->progress_made = TRUE;

  stop_progress_rest (self);
  self->progress_limit = 0;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->progress_list))) != NULL)
    gtk_list_box_remove (self->progress_list, child);

  if (self->atlas == NULL)
    return;

  /* The page's first frame makes the rows it shows (progress_layout_cb()), the rest after it
   * is painted (each row styled, laid out and measured: all 39 took ~20 ms of a window
   * opening on the page). */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (first && clock != NULL)
    self->progress_limit = FIRST_PROGRESS_ROWS;
  if (self->progress_limit >= g_list_model_get_n_items (fascia_atlas_get_muscles (self->atlas)))
    self->progress_limit = 0;
  append_progress_rows (self, 0, self->progress_limit);
  if (self->progress_limit > 0)
    {
      /* After the window's own layout handler, which lays the list out. */
      self->progress_layout_id = g_signal_connect_after (clock, "layout",
                                                         G_CALLBACK (progress_layout_cb), self);
      self->progress_paint_id = g_signal_connect (clock, "after-paint",
                                                  G_CALLBACK (progress_painted_cb), self);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
    }
}

/**
 * fascia_study_page_get_n_progress_rows:
 *
 * Returns: how many rows the progress list holds (for tests)
 */
guint
fascia_study_page_get_n_progress_rows (FasciaStudyPage *self)
{
  guint n = 0;

  g_return_val_if_fail (FASCIA_IS_STUDY_PAGE (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->progress_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_LIST_BOX_ROW (row);
  return n;
}

/* --- The diagram ------------------------------------------------------------------------ */

static FasciaRegionStyle
mark_style (FasciaQuizMark mark)
{
  switch (mark)
    {
    case FASCIA_QUIZ_MARK_MUSCLE:
      return FASCIA_REGION_STYLE_SELECTED;
    case FASCIA_QUIZ_MARK_ORIGIN:
      return FASCIA_REGION_STYLE_ORIGIN;
    case FASCIA_QUIZ_MARK_INSERTION:
      return FASCIA_REGION_STYLE_INSERTION;
    case FASCIA_QUIZ_MARK_ZONE:
      return FASCIA_REGION_STYLE_SHOWN;
    default:
      g_assert_not_reached ();
    }
}

static void
show_view (FasciaStudyPage *self,
           const char      *view_id)
{
  g_autoptr(GError) error = NULL;
  FasciaDiagram *diagram;

  if (view_id == NULL)
    return;

  diagram = g_hash_table_lookup (self->diagrams, view_id);
  if (diagram == NULL)
    {
      diagram = fascia_diagram_new_for_view (self->atlas, view_id, &error);
      if (diagram == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Could not open the diagram: %s"),
                                                   error->message);

          show_error (self, text);
          return;
        }
      g_hash_table_insert (self->diagrams, g_strdup (view_id), diagram);
    }

  if (fascia_diagram_view_get_diagram (self->diagram_view) != diagram)
    {
      fascia_diagram_view_set_diagram (self->diagram_view, diagram);
      /* Each view starts whole (the side view with its leg), not where the last one was. */
      fascia_diagram_view_zoom_to_fit (self->diagram_view);
    }

  /* A quiz is no quiz with the names written on the drawing. */
  fascia_diagram_view_set_layer_visible (self->diagram_view, "labels", FALSE);
}

static void
light_marks (FasciaStudyPage    *self,
             FasciaQuizQuestion *question,
             FasciaQuizStage     stage)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);

  if (diagram == NULL)
    return;

  for (guint i = 0; i < fascia_quiz_question_get_n_marks (question); i++)
    {
      FasciaQuizMark mark;
      FasciaQuizStage mark_stage;
      const char *region = fascia_quiz_question_get_mark (question, i, &mark, &mark_stage);

      if (mark_stage == stage && fascia_diagram_lookup_region (diagram, region) != NULL)
        fascia_diagram_view_add_region_style (self->diagram_view, region, mark_style (mark));
    }
}

/* --- Questions -------------------------------------------------------------------------- */

static void
update_actions (FasciaStudyPage *self)
{
  FasciaQuizQuestion *question = self->quiz != NULL ? fascia_quiz_get_current (self->quiz) : NULL;
  gboolean answered = question != NULL && fascia_quiz_question_get_answered (question);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.choose",
                                 question != NULL && !answered &&
                                 fascia_quiz_question_get_n_choices (question) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.next", answered);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.restart", self->quiz != NULL);
}

static void
choice_clicked_cb (FasciaStudyPage *self,
                   GtkButton       *button);

static void
show_question (FasciaStudyPage *self)
{
  FasciaQuizQuestion *question = fascia_quiz_get_current (self->quiz);
  g_autofree char *position = NULL;
  GtkWidget *child;
  guint n_choices;

  g_assert (question != NULL);

  /* Translators: the progress through a round, e.g. “Question 3 of 10” */
  position = g_strdup_printf (_("Question %u of %u"), fascia_quiz_get_position (self->quiz) + 1,
                              fascia_quiz_get_n_questions (self->quiz));
  gtk_label_set_label (self->position_label, position);
  gtk_label_set_label (self->prompt_label, fascia_quiz_question_get_prompt (question));
  /* What the keys do on the drawing here: a screen reader was told the Atlas's "Enter opens a
   * part's card", where Enter answers "find the muscle" and does nothing in the other quizzes. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->diagram_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  fascia_quiz_question_get_kind (question)
                                  == FASCIA_QUIZ_KIND_FIND_MUSCLE
                                  ? _("Tab moves into the drawing, the arrow keys from one part to "
                                      "the next, Enter answers with the muscle")
                                  : _("Tab moves into the drawing, the arrow keys from one part to "
                                      "the next"),
                                  -1);
  /* The choices are read as the answers to this question, entered from Next or the start. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choices_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  fascia_quiz_question_get_prompt (question), -1);
  gtk_label_set_label (self->hint_label, fascia_quiz_question_get_hint (question) ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label),
                          fascia_quiz_question_get_hint (question) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->feedback_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->feedback_label), "error");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choices_box))) != NULL)
    gtk_box_remove (self->choices_box, child);
  g_ptr_array_set_size (self->choice_buttons, 0);

  n_choices = fascia_quiz_question_get_n_choices (question);
  gtk_widget_set_visible (GTK_WIDGET (self->find_help_label), n_choices == 0);
  for (guint i = 0; i < n_choices; i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *label;

      /* Translators: a numbered answer; the number is also its key, e.g. “1  Femoral nerve” */
      text = g_strdup_printf (_("%u  %s"), i + 1, fascia_quiz_question_get_choice_text (question, i));
      /* The number beside the text, which wraps under itself, not under the number. The
       * button is read by its name, the number and the text. */
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      label = gtk_label_new (number);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (fascia_quiz_question_get_choice_text (question, i));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      g_object_set_data (G_OBJECT (button), "choice", GUINT_TO_POINTER (i));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (choice_clicked_cb), self);
      gtk_box_append (self->choices_box, button);
      g_ptr_array_add (self->choice_buttons, button);
    }

  show_view (self, fascia_quiz_question_get_view_id (question));
  /* Nor in a tooltip, until it is answered. */
  fascia_diagram_view_set_names_hidden (self->diagram_view, TRUE);
  fascia_diagram_view_clear_region_styles (self->diagram_view, QUIZ_STYLES);
  light_marks (self, question, FASCIA_QUIZ_STAGE_CUE);

  update_actions (self);

  if (n_choices > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->choice_buttons, 0));
  else
    {
      /* A "find" question starts on its prompt, not on a region of the drawing: a focus ring
       * on a region would be a hint. Tab goes on into the drawing. */
      gtk_widget_grab_focus (GTK_WIDGET (self->prompt_label));
      gtk_label_select_region (self->prompt_label, 0, 0);
      self->prompt_tab_into_drawing = TRUE;
    }
}

static void
show_answer (FasciaStudyPage    *self,
             FasciaQuizQuestion *question)
{
  g_autofree char *feedback = NULL;
  gboolean correct = fascia_quiz_question_get_correct (question);
  guint right = fascia_quiz_question_get_correct_choice (question);
  guint chosen = fascia_quiz_question_get_answer_choice (question);

  save_result (self, question);

  if (correct)
    /* Translators: feedback on a right answer; %s is the answer, e.g.
     * “Correct: Gluteus minimus (right)” */
    feedback = g_strdup_printf (_("Correct: %s"), fascia_quiz_question_get_correct_text (question));
  else if (fascia_quiz_question_get_kind (question) == FASCIA_QUIZ_KIND_FIND_MUSCLE)
    /* Translators: feedback on a wrong answer; the first %s is what was pressed, the
     * second the right answer, e.g. “Incorrect: you chose Gluteus medius (left). Gluteus
     * minimus (right) is outlined on the diagram.” */
    feedback = g_strdup_printf (_("Incorrect: you chose %s. %s is outlined on the diagram."),
                                fascia_quiz_question_get_answer_text (question),
                                fascia_quiz_question_get_correct_text (question));
  else
    /* Translators: feedback on a wrong answer; %s is the right answer */
    feedback = g_strdup_printf (_("Incorrect. The answer is %s."),
                                fascia_quiz_question_get_correct_text (question));

  gtk_label_set_label (self->feedback_label, feedback);
  gtk_widget_add_css_class (GTK_WIDGET (self->feedback_label), correct ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), TRUE);

  for (guint i = 0; i < self->choice_buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->choice_buttons, i);

      if (i == right)
        gtk_widget_add_css_class (button, "suggested-action");
      else if (i == chosen)
        gtk_widget_add_css_class (button, "destructive-action");
    }

  light_marks (self, question, FASCIA_QUIZ_STAGE_ANSWER);
  /* Answered, the drawing names what the pointer is on again, to look around and learn. */
  fascia_diagram_view_set_names_hidden (self->diagram_view, FALSE);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
choose (FasciaStudyPage *self,
        guint            choice)
{
  FasciaQuizQuestion *question;

  if (self->quiz == NULL || (question = fascia_quiz_get_current (self->quiz)) == NULL)
    return;
  if (fascia_quiz_question_get_answered (question) ||
      choice >= fascia_quiz_question_get_n_choices (question))
    return;

  fascia_quiz_answer_choice (self->quiz, choice);
  show_answer (self, question);
}

static void
choice_clicked_cb (FasciaStudyPage *self,
                   GtkButton       *button)
{
  choose (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "choice")));
}

static void
region_activated_cb (FasciaStudyPage   *self,
                     const char        *region_id,
                     FasciaDiagramView *view)
{
  FasciaQuizQuestion *question;

  if (self->quiz == NULL || (question = fascia_quiz_get_current (self->quiz)) == NULL)
    return;
  if (fascia_quiz_question_get_answered (question) ||
      fascia_quiz_question_get_kind (question) != FASCIA_QUIZ_KIND_FIND_MUSCLE)
    return;

  /* One rule for the mouse and the keyboard: only a muscle answers "find the muscle"; a
   * bone (or anything else) is named, and the question stays open. */
  if (!g_str_has_prefix (region_id, "m-"))
    {
      FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
      const FasciaRegion *region = diagram != NULL ? fascia_diagram_lookup_region (diagram,
                                                                                   region_id)
                                                   : NULL;
      g_autofree char *name = region != NULL ? fascia_region_dup_label (self->atlas, region)
                                             : g_strdup (region_id);
      /* Translators: a bone was pressed in "find the muscle"; %s is the bone, its name as
       * the atlas writes it, capital first ("Fifth to eighth ribs, right side"): it begins
       * no sentence but its own */
      g_autofree char *text = g_strdup_printf (_("Not a muscle: %s. Choose a muscle."), name);

      gtk_label_set_label (self->feedback_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->feedback_label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->feedback_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), TRUE);
      return;
    }

  fascia_quiz_answer_region (self->quiz, region_id);
  show_answer (self, question);
}

static void
show_results (FasciaStudyPage *self)
{
  GListModel *missed = fascia_quiz_get_missed (self->quiz);
  g_autofree char *title = NULL;
  GtkWidget *child;
  guint n_missed = g_list_model_get_n_items (missed);

  /* Translators: the score of a round, e.g. “7 of 10 Right” */
  title = g_strdup_printf (_("%u of %u Right"), fascia_quiz_get_score (self->quiz),
                           fascia_quiz_get_n_questions (self->quiz));
  /* Given here, not in the template: a page of the stack not shown had its 128 px icon looked
   * up as its style was first computed, and GTK loaded librsvg's image loader and rendered
   * the icon's SVG in a worker before a window opening on the Study page answered (~10 ms of
   * processor time; test-startup's study-no-svg-icon-at-start). A check mark for a round
   * with nothing missed only: a round with misses shows the sign of the round to come, where
   * the missed items come back, as the description says. */
  adw_status_page_set_icon_name (self->results_page,
                                 n_missed == 0 ? "emblem-ok-symbolic"
                                               : "media-playlist-repeat-symbolic");
  adw_status_page_set_title (self->results_page, title);
  adw_status_page_set_description (self->results_page,
                                   n_missed == 0 ? _("Nothing missed. These come back in a few days.")
                                                 : _("The items you missed come back in the next round."));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->missed_list))) != NULL)
    gtk_list_box_remove (self->missed_list, child);

  for (guint i = 0; i < n_missed; i++)
    {
      g_autoptr(FasciaQuizQuestion) question = g_list_model_get_item (missed, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: an item missed: what was answered and what is right */
      subtitle = g_strdup_printf (_("You answered %s; right is %s"),
                                  fascia_quiz_question_get_answer_text (question),
                                  fascia_quiz_question_get_correct_text (question));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     fascia_quiz_question_get_prompt (question));
      /* Read with the question, as every row is described by its subtitle
       * (fascia_ui_name_controls()). */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->missed_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->missed_heading), n_missed > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->missed_list), n_missed > 0);

  update_progress_list (self);
  gtk_stack_set_visible_child_name (self->stack, "results");
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->restart_button));
}

/**
 * fascia_study_page_start:
 * @kind: the kind of question
 * @seed: the seed of the round (the "study.start" action takes a random one)
 *
 * Starts a round of %FASCIA_QUIZ_DEFAULT_N_QUESTIONS questions.
 */
void
fascia_study_page_start (FasciaStudyPage *self,
                         FasciaQuizKind   kind,
                         guint32          seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaQuiz) quiz = NULL;

  g_return_if_fail (FASCIA_IS_STUDY_PAGE (self));
  g_return_if_fail (kind < FASCIA_QUIZ_N_KINDS);

  if (self->atlas == NULL)
    return;

  quiz = fascia_quiz_new (self->atlas, kind, FASCIA_QUIZ_DEFAULT_N_QUESTIONS, seed,
                          self->progress, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (quiz == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not start the quiz: %s"),
                                               error->message);

      show_error (self, text);
      return;
    }

  g_set_object (&self->quiz, quiz);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUIZ]);

  gtk_stack_set_visible_child_name (self->stack, "question");
  show_question (self);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FasciaStudyPage *self = FASCIA_STUDY_PAGE (widget);
  FasciaQuizKind kind;

  if (!fascia_quiz_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    {
      g_critical ("No quiz named “%s”", g_variant_get_string (parameter, NULL));
      return;
    }

  fascia_study_page_start (self, kind, g_random_int ());
}

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FasciaStudyPage *self = FASCIA_STUDY_PAGE (widget);

  if (self->quiz != NULL)
    fascia_study_page_start (self, fascia_quiz_get_kind (self->quiz), g_random_int ());
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose (FASCIA_STUDY_PAGE (widget), g_variant_get_uint32 (parameter));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FasciaStudyPage *self = FASCIA_STUDY_PAGE (widget);
  FasciaQuizQuestion *question;

  if (self->quiz == NULL || (question = fascia_quiz_get_current (self->quiz)) == NULL ||
      !fascia_quiz_question_get_answered (question))
    return;

  if (fascia_quiz_next (self->quiz))
    show_question (self);
  else
    show_results (self);
}

/* The focus back on the row of the quiz just left, where Enter starts it again: the list
 * itself takes the focus but shows none, and Enter on it did nothing. */
static void
focus_kind_row (FasciaStudyPage *self)
{
  const char *kind = self->quiz != NULL
                     ? fascia_quiz_kind_to_string (fascia_quiz_get_kind (self->quiz))
                     : NULL;
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->kind_list));

  for (GtkWidget *row = first; row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row));

      if (kind != NULL && target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING)
          && g_strcmp0 (g_variant_get_string (target, NULL), kind) == 0
          && gtk_widget_grab_focus (row))
        return;
    }

  if (first != NULL)
    gtk_widget_grab_focus (first);
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FasciaStudyPage *self = FASCIA_STUDY_PAGE (widget);

  update_progress_list (self);
  gtk_stack_set_visible_child_name (self->stack, "start");
  update_actions (self);
  focus_kind_row (self);
}

/* --- GObject ---------------------------------------------------------------------------- */

/* Tab from a "find" question's prompt, where the question starts, goes into the drawing, as
 * its help says: the drawing comes before the prompt in the window, so Tab went on past the
 * prompt out of the page to the header bar, and only Shift+Tab reached the drawing. */
static gboolean
prompt_key_pressed_cb (FasciaStudyPage       *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  FasciaQuizQuestion *question;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab) ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  /* Once only, from where the question starts: Tab that comes round to the prompt again
   * (from the drawing, End Round) goes on out of the page, to the window's header, as the
   * order of the window has it; it went back into the drawing, and Tab went round the
   * drawing, End Round and the prompt and never reached the header. */
  if (!self->prompt_tab_into_drawing)
    return GDK_EVENT_PROPAGATE;
  self->prompt_tab_into_drawing = FALSE;

  question = self->quiz != NULL ? fascia_quiz_get_current (self->quiz) : NULL;
  if (question == NULL || fascia_quiz_question_get_answered (question) ||
      fascia_quiz_question_get_n_choices (question) > 0)
    return GDK_EVENT_PROPAGATE;

  return gtk_widget_child_focus (GTK_WIDGET (self->diagram_view), GTK_DIR_TAB_FORWARD)
         ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

static void
fascia_study_page_constructed (GObject *object)
{
  FasciaStudyPage *self = FASCIA_STUDY_PAGE (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (fascia_study_page_parent_class)->constructed (object);

  self->progress = fascia_study_progress_new ();

  self->atlas = fascia_atlas_get_default (&error);
  if (self->atlas == NULL)
    {
      g_warning ("The atlas could not be loaded: %s", error->message);
      return;
    }
  g_object_ref (self->atlas);
  load_progress (self);
  fascia_diagram_view_set_atlas (self->diagram_view, self->atlas);

  update_progress_list (self);
  update_actions (self);
}

static void
fascia_study_page_map (GtkWidget *widget)
{
  FasciaStudyPage *self = FASCIA_STUDY_PAGE (widget);

  GTK_WIDGET_CLASS (fascia_study_page_parent_class)->map (widget);
  if (self->progress_stale)
    update_progress_list (self);
}

static void
fascia_study_page_unrealize (GtkWidget *widget)
{
  FasciaStudyPage *self = FASCIA_STUDY_PAGE (widget);

  /* Rows waiting for a frame of this frame clock are made when the page shows again. */
  if (self->progress_limit > 0)
    self->progress_stale = TRUE;
  stop_progress_rest (self);
  self->progress_limit = 0;

  GTK_WIDGET_CLASS (fascia_study_page_parent_class)->unrealize (widget);
}

static void
fascia_study_page_dispose (GObject *object)
{
  FasciaStudyPage *self = FASCIA_STUDY_PAGE (object);

  stop_progress_rest (self);
  g_ptr_array_set_size (self->choice_buttons, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_STUDY_PAGE);

  G_OBJECT_CLASS (fascia_study_page_parent_class)->dispose (object);
}

static void
fascia_study_page_finalize (GObject *object)
{
  FasciaStudyPage *self = FASCIA_STUDY_PAGE (object);

  g_clear_object (&self->atlas);
  g_clear_object (&self->store);
  g_clear_object (&self->quiz);
  g_clear_object (&self->progress);
  g_clear_pointer (&self->diagrams, g_hash_table_unref);
  g_clear_pointer (&self->choice_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (fascia_study_page_parent_class)->finalize (object);
}

static void
fascia_study_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FasciaStudyPage *self = FASCIA_STUDY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_QUIZ:
      g_value_set_object (value, self->quiz);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_study_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FasciaStudyPage *self = FASCIA_STUDY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      fascia_study_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_study_page_class_init (FasciaStudyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const guint digit_keys[MAX_CHOICE_KEYS] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4 };
  static const guint keypad_keys[MAX_CHOICE_KEYS] = {
    GDK_KEY_KP_1, GDK_KEY_KP_2, GDK_KEY_KP_3, GDK_KEY_KP_4,
  };

  object_class->constructed = fascia_study_page_constructed;
  object_class->dispose = fascia_study_page_dispose;
  object_class->finalize = fascia_study_page_finalize;
  object_class->get_property = fascia_study_page_get_property;
  object_class->set_property = fascia_study_page_set_property;
  widget_class->map = fascia_study_page_map;
  widget_class->unrealize = fascia_study_page_unrealize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         FASCIA_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_QUIZ] =
    g_param_spec_object ("quiz", NULL, NULL,
                         FASCIA_TYPE_QUIZ,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FASCIA_TYPE_DIAGRAM_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fascia-study-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, kind_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, progress_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, diagram_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, position_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, find_help_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, choices_box);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, results_page);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, missed_heading);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, missed_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaStudyPage, restart_button);
  gtk_widget_class_bind_template_callback (widget_class, region_activated_cb);

  gtk_widget_class_install_action (widget_class, "study.start", "s", start_action);
  gtk_widget_class_install_action (widget_class, "study.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "study.choose", "u", choose_action);
  for (guint i = 0; i < MAX_CHOICE_KEYS; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, digit_keys[i], 0,
                                           "study.choose", "u", i);
      gtk_widget_class_add_binding_action (widget_class, keypad_keys[i], 0,
                                           "study.choose", "u", i);
    }
  gtk_widget_class_install_action (widget_class, "study.next", NULL, next_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "study.next", NULL);
  gtk_widget_class_install_action (widget_class, "study.finish", NULL, finish_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "study.finish", NULL);
}

static void
fascia_study_page_init (FasciaStudyPage *self)
{
  self->diagrams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->choice_buttons = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  fascia_ui_list_one_tab_stop (GTK_WIDGET (self->progress_list));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (prompt_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->prompt_label), keys);
  }
  /* The rows' and groups' wrapping text laid out at the width it is shown at, not at width
   * after width (fascia_height_for_width_layout_take_row_text()): the progress rows, one per
   * muscle, made ~1,400 Pango layouts before the page's first frame. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->kind_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    fascia_height_for_width_layout_take_row_text (ADW_ACTION_ROW (row));
  fascia_height_for_width_layout_take_group_text (
    ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (self->kind_list),
                                                    ADW_TYPE_PREFERENCES_GROUP)),
    self->kind_list);
  fascia_height_for_width_layout_take_group_text (
    ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (self->progress_list),
                                                    ADW_TYPE_PREFERENCES_GROUP)),
    self->progress_list);
  /* The figure, centred with a margin, as on the Atlas page, not the view's whole drawing:
   * where a drawing frames the body (the side view at the ribs, the back views at the
   * thighs) the cut showed against the pane's edge, as if the pane cut the figure off. */
  fascia_diagram_view_set_fit_figure (self->diagram_view, TRUE);
  /* A small muscle to find is easier to press zoomed in. */
  fascia_ui_add_zoom_buttons (self->diagram_view);
}
