/* fascia-chart.c — a client's whole chart as a printable document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "fascia/fascia-chart.h"
#include "fascia/fascia-date.h"
#include "fascia/fascia-diagram.h"
#include "fascia/fascia-muscle.h"
#include "fascia/fascia-view.h"

/*
 * For a records request or a referral letter: the client's details and intake, each plan,
 * then every visit from the first — its date, pain before and after, the SOAP notes, the
 * findings, the body chart drawn on the diagram with each mark's intensity, and the
 * amendments made after the notes locked, with their times. It is a FasciaHandout, so it is
 * laid out and written like the client handout, fonts embedded.
 */

#define MAX_FIGURE_HEIGHT 300.0

typedef struct
{
  gboolean is_point;
  double   x, y;         /* a point, or the centre of the marked region, in view units */
  guint    intensity;
} Mark;

typedef struct
{
  FasciaDiagram *diagram;
  GArray        *marks;   /* of Mark */
} Figure;

static void
figure_free (gpointer data)
{
  Figure *figure = data;

  g_clear_object (&figure->diagram);
  g_clear_pointer (&figure->marks, g_array_unref);
  g_free (figure);
}

/* The same red as a body chart in the window: darker for more pain. */
static void
set_mark_colour (cairo_t *cr,
                 guint    intensity)
{
  double t = MIN (intensity, 10) / 10.0;

  cairo_set_source_rgba (cr, 0.95 - 0.35 * t, 0.45 - 0.40 * t, 0.20 - 0.15 * t, 0.85);
}

static void
figure_draw (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  Figure *figure = user_data;
  double view_width, view_height, scale;

  fascia_diagram_get_size (figure->diagram, &view_width, &view_height);
  scale = MIN (width / view_width, height / view_height);

  cairo_save (cr);
  cairo_translate (cr, (width - view_width * scale) / 2, 0);
  cairo_rectangle (cr, 0, 0, view_width * scale, view_height * scale);
  cairo_clip (cr);
  /* Labels readable on paper: those that no longer find room are left out. */
  fascia_diagram_set_min_label_size (figure->diagram, scale, FASCIA_HANDOUT_MIN_TEXT_PT);
  /* A failed render leaves the box empty; the marks and the text still stand. */
  fascia_diagram_render (figure->diagram, cr, scale, 0, 0, NULL);

  for (guint i = 0; i < figure->marks->len; i++)
    {
      const Mark *mark = &g_array_index (figure->marks, Mark, i);
      double cx = mark->x * scale, cy = mark->y * scale;
      double radius = 7.0;
      char label[4];
      cairo_text_extents_t extents;

      set_mark_colour (cr, mark->intensity);
      cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);

      /* The intensity in the mark: digits only, so the toy text API is enough. */
      g_snprintf (label, sizeof label, "%u", mark->intensity);
      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 8.0);
      cairo_text_extents (cr, label, &extents);
      cairo_move_to (cr, cx - extents.width / 2 - extents.x_bearing,
                     cy - extents.height / 2 - extents.y_bearing);
      cairo_show_text (cr, label);
    }
  cairo_restore (cr);
}

static const char *
side_text (FasciaSide side)
{
  switch (side)
    {
    case FASCIA_SIDE_LEFT:
      return _("left");
    case FASCIA_SIDE_RIGHT:
      return _("right");
    case FASCIA_SIDE_BOTH:
      return _("both sides");
    case FASCIA_SIDE_NONE:
    default:
      return NULL;
    }
}

static char *
muscle_text (FasciaAtlas *atlas,
             const char  *muscle_id,
             FasciaSide   side)
{
  FasciaMuscle *muscle = fascia_atlas_lookup_muscle (atlas, muscle_id);
  const char *name = muscle != NULL ? fascia_muscle_get_name (muscle) : muscle_id;
  const char *side_name = side_text (side);

  /* Translators: a muscle and its side, e.g. "Psoas major (left)" */
  return side_name != NULL ? g_strdup_printf (_("%s (%s)"), name, side_name) : g_strdup (name);
}

/* A moment in the local time zone, as every date is shown and printed ("2 Dec 2026, 14:30"). */
static char *
format_time (GDateTime *datetime)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (datetime);

  return fascia_format_date_and_time (local);
}

static char *
pain_text (int score)
{
  return score < 0 ? g_strdup (_("not asked")) : g_strdup_printf ("%d/10", score);
}

static gboolean
has_text (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;

  return FALSE;
}

static void
add_client (FasciaHandout *handout,
            FasciaClient  *client)
{
  static const struct {
    FasciaHealthFlags  flag;
    const char        *label;
  } flags[] = {
    { FASCIA_HEALTH_PREGNANCY, N_("Pregnancy") },
    { FASCIA_HEALTH_ANTICOAGULANTS, N_("Takes anticoagulants") },
    { FASCIA_HEALTH_OSTEOPOROSIS, N_("Osteoporosis") },
    { FASCIA_HEALTH_RECENT_SURGERY, N_("Recent surgery") },
    { FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR, N_("Hip replacement (anterior approach)") },
    { FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR, N_("Hip replacement (posterior approach)") },
    { FASCIA_HEALTH_ABDOMINAL_HERNIA, N_("Abdominal or groin hernia") },
    { FASCIA_HEALTH_SMOKER, N_("Smoker or former smoker") },
    { FASCIA_HEALTH_VASCULAR_DISEASE, N_("Vascular disease or known aneurysm") },
    { FASCIA_HEALTH_CANCER, N_("Cancer or active treatment") },
    { FASCIA_HEALTH_STOMA, N_("Stoma") },
    { FASCIA_HEALTH_ENDOMETRIOSIS, N_("Endometriosis") },
    { FASCIA_HEALTH_RED_FLAGS, N_("Red flags: refer out") },
  };
  static const char * const trimesters[] = {
    NULL, N_("Pregnancy, first trimester"), N_("Pregnancy, second trimester"),
    N_("Pregnancy, third trimester"),
  };
  guint trimester = fascia_client_get_pregnancy_trimester (client);
  FasciaHealthFlags health = fascia_client_get_health_flags (client);
  const char *dob = fascia_client_get_date_of_birth (client);
  gboolean any = FALSE;

  fascia_handout_add_heading (handout, _("Client"));
  if (dob != NULL && dob[0] != '\0')
    {
      g_autofree char *day = fascia_format_iso_date (dob);
      /* Translators: on the chart; %s is a date such as "12 Apr 1978" */
      g_autofree char *text = g_strdup_printf (_("Date of birth: %s"), day);

      fascia_handout_add_bullet (handout, text);
    }
  if (has_text (fascia_client_get_email (client)))
    {
      g_autofree char *text = g_strdup_printf (_("Email: %s"), fascia_client_get_email (client));

      fascia_handout_add_bullet (handout, text);
    }
  if (has_text (fascia_client_get_phone (client)))
    {
      g_autofree char *text = g_strdup_printf (_("Phone: %s"), fascia_client_get_phone (client));

      fascia_handout_add_bullet (handout, text);
    }

  fascia_handout_add_subheading (handout, _("Intake"));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    if (health & flags[i].flag)
      {
        if (flags[i].flag == FASCIA_HEALTH_PREGNANCY && trimester > 0 &&
            trimester < G_N_ELEMENTS (trimesters))
          fascia_handout_add_bullet (handout, _(trimesters[trimester]));
        else
          fascia_handout_add_bullet (handout, _(flags[i].label));
        any = TRUE;
      }
  if (!any)
    fascia_handout_add_paragraph (handout, _("No intake conditions recorded."));
  if (has_text (fascia_client_get_health_notes (client)))
    fascia_handout_add_paragraph (handout, fascia_client_get_health_notes (client));
  if (has_text (fascia_client_get_notes (client)))
    {
      fascia_handout_add_subheading (handout, _("Notes"));
      fascia_handout_add_paragraph (handout, fascia_client_get_notes (client));
    }
}

static gboolean
add_plans (FasciaHandout  *handout,
           FasciaStore    *store,
           FasciaAtlas    *atlas,
           FasciaClient   *client,
           GError        **error)
{
  g_autoptr(GListModel) plans = fascia_store_list_plans (store, fascia_client_get_id (client),
                                                         error);

  if (plans == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(FasciaPlan) plan = g_list_model_get_item (plans, i);
      g_autoptr(GListModel) targets = fascia_store_list_plan_targets (store,
                                                                      fascia_plan_get_id (plan),
                                                                      error);
      /* Translators: a heading of the chart; %s is the plan's title */
      g_autofree char *heading = g_strdup_printf (_("Plan: %s"),
                                                  has_text (fascia_plan_get_title (plan))
                                                  ? fascia_plan_get_title (plan) : _("untitled"));

      if (targets == NULL)
        return FALSE;

      fascia_handout_add_heading (handout, heading);
      if (has_text (fascia_plan_get_goals (plan)))
        fascia_handout_add_paragraph (handout, fascia_plan_get_goals (plan));
      for (guint t = 0; t < g_list_model_get_n_items (targets); t++)
        {
          g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (targets, t);
          g_autofree char *text = muscle_text (atlas, fascia_plan_target_get_muscle_id (target),
                                               fascia_plan_target_get_side (target));

          fascia_handout_add_bullet (handout, text);
        }
    }

  return TRUE;
}

/* The body chart of a visit: one figure for each view it marks. */
static gboolean
add_body_chart (FasciaHandout  *handout,
                FasciaAtlas    *atlas,
                GListModel     *marks,
                GError        **error)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (marks); i++)
    {
      g_autoptr(FasciaPainMark) mark = g_list_model_get_item (marks, i);
      const char *view = fascia_pain_mark_get_view_id (mark);

      if (!g_ptr_array_find_with_equal_func (views, view, g_str_equal, NULL))
        g_ptr_array_add (views, (gpointer) g_intern_string (view));
    }

  for (guint v = 0; v < views->len; v++)
    {
      const char *view_id = g_ptr_array_index (views, v);
      FasciaView *view = fascia_atlas_lookup_view (atlas, view_id);
      Figure *figure;
      g_autoptr(GString) caption = g_string_new (NULL);
      double width, height;

      if (view == NULL)
        continue;

      figure = g_new0 (Figure, 1);
      figure->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
      figure->diagram = fascia_diagram_new_for_view (atlas, view_id, error);
      if (figure->diagram == NULL)
        {
          figure_free (figure);
          return FALSE;
        }

      for (guint i = 0; i < g_list_model_get_n_items (marks); i++)
        {
          g_autoptr(FasciaPainMark) pain = g_list_model_get_item (marks, i);
          const char *region_id = fascia_pain_mark_get_region_id (pain);
          const FasciaRegion *region = NULL;
          Mark mark = { 0 };

          if (!g_str_equal (fascia_pain_mark_get_view_id (pain), view_id))
            continue;

          mark.intensity = fascia_pain_mark_get_intensity (pain);
          if (region_id != NULL && region_id[0] != '\0')
            {
              region = fascia_diagram_lookup_region (figure->diagram, region_id);
              if (region == NULL)
                continue;
              fascia_diagram_set_region_style (figure->diagram, region_id,
                                               FASCIA_REGION_STYLE_PAIN);
              mark.x = region->x + region->width / 2;
              mark.y = region->y + region->height / 2;
            }
          else
            {
              mark.is_point = TRUE;
              mark.x = fascia_pain_mark_get_x (pain);
              mark.y = fascia_pain_mark_get_y (pain);
            }
          g_array_append_val (figure->marks, mark);
        }

      fascia_diagram_get_size (figure->diagram, &width, &height);
      /* Translators: the caption of a body chart on the chart; %s is the view, e.g. "Back" */
      g_string_printf (caption, _("Body chart, %s: each mark shows the pain from 0 to 10"),
                       fascia_view_get_title (view));
      fascia_handout_add_figure (handout, height / width, MAX_FIGURE_HEIGHT, figure_draw, figure,
                                 figure_free, caption->str);
    }

  return TRUE;
}

static const char *
field_title (const char *field)
{
  static const struct {
    const char *field;
    const char *title;
  } titles[] = {
    { "subjective", N_("Subjective") },
    { "objective", N_("Objective") },
    { "assessment", N_("Assessment") },
    { "plan-notes", N_("Plan") },
    { "pain-before", N_("Pain before") },
    { "pain-after", N_("Pain after") },
    { "visited-at", N_("Date of the visit") },
    { "plan-id", N_("Plan") },
    { "treated-target-ids", N_("Treated muscles") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (field, titles[i].field))
      return _(titles[i].title);

  return field;
}

static gboolean
add_visit (FasciaHandout  *handout,
           FasciaStore    *store,
           FasciaAtlas    *atlas,
           FasciaVisit    *visit,
           GError        **error)
{
  static const struct {
    FasciaVisitField  field;
    const char       *title;
  } sections[] = {
    { FASCIA_VISIT_FIELD_SUBJECTIVE, N_("Subjective") },
    { FASCIA_VISIT_FIELD_OBJECTIVE, N_("Objective") },
    { FASCIA_VISIT_FIELD_ASSESSMENT, N_("Assessment") },
    { FASCIA_VISIT_FIELD_PLAN_NOTES, N_("Plan") },
  };
  gint64 visit_id = fascia_visit_get_id (visit);
  g_autoptr(GListModel) findings = fascia_store_list_findings (store, visit_id, error);
  g_autoptr(GListModel) marks = NULL;
  g_autoptr(GListModel) amendments = NULL;
  g_autoptr(GFlagsClass) finding_flags = g_type_class_ref (FASCIA_TYPE_FINDING_FLAGS);
  g_autofree char *visited = format_time (fascia_visit_get_visited_at (visit));
  /* Translators: a visit's heading on the chart; %s is its date and time, "2 Dec 2026, 14:30" */
  g_autofree char *heading = g_strdup_printf (_("Visit of %s"), visited);
  g_autofree char *before = pain_text (fascia_visit_get_pain_before (visit));
  g_autofree char *after = pain_text (fascia_visit_get_pain_after (visit));
  g_autofree char *pain = NULL;

  if (findings == NULL ||
      (marks = fascia_store_list_pain_marks (store, visit_id, error)) == NULL ||
      (amendments = fascia_store_list_amendments (store, visit_id, error)) == NULL)
    return FALSE;

  fascia_handout_add_heading (handout, heading);
  /* Translators: pain scores of a visit, e.g. "Pain before treatment: 6/10 · after: 3/10" */
  pain = g_strdup_printf (_("Pain before treatment: %s · after: %s"), before, after);
  fascia_handout_add_paragraph (handout, pain);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const char *text = fascia_visit_get_field (visit, sections[i].field);

      if (!has_text (text))
        continue;
      fascia_handout_add_subheading (handout, _(sections[i].title));
      fascia_handout_add_paragraph (handout, text);
    }

  if (g_list_model_get_n_items (findings) > 0)
    {
      fascia_handout_add_subheading (handout, _("Findings"));
      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        {
          g_autoptr(FasciaFinding) finding = g_list_model_get_item (findings, i);
          g_autofree char *muscle = muscle_text (atlas, fascia_finding_get_muscle_id (finding),
                                                 fascia_finding_get_side (finding));
          g_autoptr(GString) text = g_string_new (muscle);
          FasciaFindingFlags flags = fascia_finding_get_flags (finding);
          gboolean first = TRUE;

          for (guint f = 0; f < finding_flags->n_values; f++)
            if (finding_flags->values[f].value != 0 && (flags & finding_flags->values[f].value))
              {
                g_string_append (text, first ? ": " : ", ");
                for (const char *p = finding_flags->values[f].value_nick; *p != '\0'; p++)
                  g_string_append_c (text, *p == '-' ? ' ' : *p);
                first = FALSE;
              }
          if (has_text (fascia_finding_get_note (finding)))
            g_string_append_printf (text, " — %s", fascia_finding_get_note (finding));
          fascia_handout_add_bullet (handout, text->str);
        }
    }

  if (g_list_model_get_n_items (marks) > 0)
    {
      fascia_handout_add_subheading (handout, _("Body chart"));
      for (guint i = 0; i < g_list_model_get_n_items (marks); i++)
        {
          g_autoptr(FasciaPainMark) mark = g_list_model_get_item (marks, i);

          if (has_text (fascia_pain_mark_get_note (mark)))
            {
              /* Translators: a body-chart mark on the chart: its intensity and its note */
              g_autofree char *text = g_strdup_printf (_("Pain %u/10: %s"),
                                                       fascia_pain_mark_get_intensity (mark),
                                                       fascia_pain_mark_get_note (mark));

              fascia_handout_add_bullet (handout, text);
            }
        }
      if (!add_body_chart (handout, atlas, marks, error))
        return FALSE;
    }

  if (g_list_model_get_n_items (amendments) > 0)
    {
      fascia_handout_add_subheading (handout, _("Amendments after the notes locked"));
      for (guint i = 0; i < g_list_model_get_n_items (amendments); i++)
        {
          g_autoptr(FasciaAmendment) amendment = g_list_model_get_item (amendments, i);
          g_autofree char *when = format_time (fascia_amendment_get_amended_at (amendment));
          const char *old_text = fascia_amendment_get_old_text (amendment);
          const char *new_text = fascia_amendment_get_new_text (amendment);
          g_autofree char *text = NULL;

          if (fascia_amendment_get_amended_by (amendment) != NULL)
            /* Translators: an amendment on the chart: when, who made it (a login name),
             * which field, what it said before, what it says now */
            text = g_strdup_printf (_("%s, by %s — %s: “%s” became “%s”"), when,
                                    fascia_amendment_get_amended_by (amendment),
                                    field_title (fascia_amendment_get_field (amendment)),
                                    old_text, new_text);
          else
            /* Translators: an amendment on the chart: when, which field, what it said
             * before, what it says now */
            text = g_strdup_printf (_("%s — %s: “%s” became “%s”"), when,
                                    field_title (fascia_amendment_get_field (amendment)),
                                    old_text, new_text);

          fascia_handout_add_bullet (handout, text);
        }
    }

  return TRUE;
}

/**
 * fascia_handout_new_for_chart:
 * @letterhead: (nullable): the clinic's name, the therapist and a contact line
 *
 * Returns: (transfer full): the chart of the client, every visit from the first, or %NULL
 *   with @error set when the client is gone or the store cannot be read
 */
FasciaHandout *
fascia_handout_new_for_chart (FasciaStore             *store,
                              FasciaAtlas             *atlas,
                              gint64                   client_id,
                              const FasciaLetterhead  *letterhead,
                              GError                 **error)
{
  g_autoptr(FasciaClient) client = NULL;
  g_autoptr(GListModel) visits = NULL;
  g_autoptr(FasciaHandout) handout = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *title = NULL;
  g_autofree char *today = NULL;
  g_autofree char *byline = NULL;
  guint n;

  g_return_val_if_fail (FASCIA_IS_STORE (store), NULL);
  g_return_val_if_fail (FASCIA_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  client = fascia_store_get_client (store, client_id, error);
  if (client == NULL)
    return NULL;
  visits = fascia_store_list_visits (store, client_id, error);
  if (visits == NULL)
    return NULL;

  /* Translators: the title of a client's chart; %s is the client's name */
  title = g_strdup_printf (_("Clinical record: %s"), fascia_client_get_name (client));
  handout = fascia_handout_new (title);
  if (letterhead != NULL)
    fascia_handout_set_letterhead (handout, letterhead->clinic, letterhead->therapist,
                                   letterhead->contact);
  n = g_list_model_get_n_items (visits);
  today = fascia_format_date (now);
  /* Translators: under the chart's title: the number of visits and today's date */
  byline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit · printed %s",
                                         "%u visits · printed %s", n), n, today);
  fascia_handout_set_byline (handout, byline);

  add_client (handout, client);
  if (!add_plans (handout, store, atlas, client, error))
    return NULL;

  /* The store lists the newest first; a chart reads from the first visit. */
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(FasciaVisit) visit = g_list_model_get_item (visits, i);

      if (!add_visit (handout, store, atlas, visit, error))
        return NULL;
    }

  return g_steal_pointer (&handout);
}
