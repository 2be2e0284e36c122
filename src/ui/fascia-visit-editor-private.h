/* fascia-visit-editor-private.h — what fascia-visit-editor.c and its actions share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia-visit-editor.h"

G_BEGIN_DECLS

struct _FasciaVisitEditor
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkLabel          *heading_label;
  GtkLabel          *lock_label;
  GtkDropDown       *view_dropdown;
  GtkWidget         *tool_flow;
  GtkWidget         *dropdown_flow;
  GtkWidget         *legend_flow;
  GtkDropDown       *compare_dropdown;
  GtkWidget         *legend_earlier;
  FasciaDiagramView *diagram_view;
  GtkPaned          *paned;
  FasciaEntryRow    *date_row;
  FasciaPainScale   *pain_before_scale;
  FasciaPainScale   *pain_after_scale;
  GtkListBox        *mark_list;
  GtkListBox        *finding_list;
  GtkListBox        *treated_list;
  GtkTextView       *subjective_view;
  GtkTextView       *objective_view;
  GtkTextView       *assessment_view;
  GtkTextView       *plan_notes_view;
  GtkLabel          *subjective_amendments;
  GtkLabel          *objective_amendments;
  GtkLabel          *assessment_amendments;
  GtkLabel          *plan_notes_amendments;
  GtkLabel          *pain_before_amendments;
  GtkLabel          *pain_after_amendments;

  /* Owned */
  FasciaStore       *store;
  FasciaClient      *client;
  GListModel        *plans;
  FasciaVisit       *visit;
  GListModel        *marks;
  GListModel        *findings;
  GPtrArray         *earlier_visits;    /* FasciaVisit, newest first: the comparison's choices */
  FasciaVisit       *compared_visit;
  GListModel        *earlier_marks;     /* the compared visit's */
  GListModel        *earlier_findings;
  GHashTable        *dirty_marks;
  GHashTable        *removed_offline;   /* gint64 id → the mark and where it was: taken away
                                         * while the clinic server is away, until undone */
  char              *tool;
  guint              save_source;
  guint              notes_dirty;   /* bit per FasciaVisitField */
  gboolean           visit_dirty;
  gboolean           loading;
  gboolean           saving;
  gulong             changed_id;
  gulong             marks_changed_id;
  gint64             refused_at;    /* when a note last refused text past the store's limit */

  /* Someone else saved the visit since it was read: their version and the user's own notes,
   * kept until the user chooses in the conflict dialog. */
  AdwMessageDialog  *conflict;
  FasciaVisit       *theirs;
  char              *mine[FASCIA_VISIT_FIELD_PLAN_NOTES + 1];  /* NULL: not edited */
};

/* The finding tools, in the order of the tool bar and of a finding row's toggles. */
typedef struct
{
  const char         *tool;
  FasciaFindingFlags  flag;
  const char         *label;  /* a button's */
  const char         *word;   /* in a sentence: "hypertonic, trigger point" */
} FasciaFindingTool;

static const FasciaFindingTool fascia_finding_tools[] = {
  { "hypertonic", FASCIA_FINDING_HYPERTONIC, N_("Hypertonic"), N_("hypertonic") },
  { "trigger-point", FASCIA_FINDING_TRIGGER_POINT, N_("Trigger point"), N_("trigger point") },
  { "tender", FASCIA_FINDING_TENDER, N_("Tender"), N_("tender") },
  { "short", FASCIA_FINDING_SHORT, N_("Short"), N_("short") },
  { "weak", FASCIA_FINDING_WEAK, N_("Weak"), N_("weak") },
};

/* fascia-visit-editor.c */
void     _fascia_visit_editor_schedule_save       (FasciaVisitEditor *self);
void     _fascia_visit_editor_reload_marks        (FasciaVisitEditor *self);
void     _fascia_visit_editor_append_mark         (FasciaVisitEditor *self,
                                                   FasciaPainMark    *mark);
void     _fascia_visit_editor_reload_findings     (FasciaVisitEditor *self);
void     _fascia_visit_editor_rebuild_findings    (FasciaVisitEditor *self);
void     _fascia_visit_editor_update_diagram      (FasciaVisitEditor *self);
gboolean _fascia_visit_editor_focus_point_place   (FasciaVisitEditor *self);

/* fascia-visit-editor-actions.c */
void     _fascia_visit_editor_class_actions_init  (GtkWidgetClass    *widget_class);
void     _fascia_visit_editor_actions_init        (FasciaVisitEditor *self);
void     _fascia_visit_editor_finding_toggled_cb  (GtkToggleButton   *button,
                                                   FasciaVisitEditor *self);
void     _fascia_visit_editor_treated_toggled_cb  (GtkCheckButton    *check,
                                                   FasciaVisitEditor *self);

G_END_DECLS
