/* fascia-store-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-store-types.h"

/* Written out rather than generated so that the nicks, which are also the values stored in
 * the database, are in plain sight. */
GType
fascia_side_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { FASCIA_SIDE_NONE, "FASCIA_SIDE_NONE", "none" },
    { FASCIA_SIDE_LEFT, "FASCIA_SIDE_LEFT", "left" },
    { FASCIA_SIDE_RIGHT, "FASCIA_SIDE_RIGHT", "right" },
    { FASCIA_SIDE_BOTH, "FASCIA_SIDE_BOTH", "both" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("FasciaSide"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
fascia_health_flags_get_type (void)
{
  static gsize type_id = 0;
  static const GFlagsValue values[] = {
    { FASCIA_HEALTH_NONE, "FASCIA_HEALTH_NONE", "none" },
    { FASCIA_HEALTH_PREGNANCY, "FASCIA_HEALTH_PREGNANCY", "pregnancy" },
    { FASCIA_HEALTH_ANTICOAGULANTS, "FASCIA_HEALTH_ANTICOAGULANTS", "anticoagulants" },
    { FASCIA_HEALTH_OSTEOPOROSIS, "FASCIA_HEALTH_OSTEOPOROSIS", "osteoporosis" },
    { FASCIA_HEALTH_RECENT_SURGERY, "FASCIA_HEALTH_RECENT_SURGERY", "recent-surgery" },
    { FASCIA_HEALTH_RED_FLAGS, "FASCIA_HEALTH_RED_FLAGS", "red-flags" },
    { FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR, "FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR",
      "hip-replacement-anterior" },
    { FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR, "FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR",
      "hip-replacement-posterior" },
    { FASCIA_HEALTH_ABDOMINAL_HERNIA, "FASCIA_HEALTH_ABDOMINAL_HERNIA", "abdominal-hernia" },
    { FASCIA_HEALTH_SMOKER, "FASCIA_HEALTH_SMOKER", "smoker" },
    { FASCIA_HEALTH_VASCULAR_DISEASE, "FASCIA_HEALTH_VASCULAR_DISEASE", "vascular-disease" },
    { FASCIA_HEALTH_CANCER, "FASCIA_HEALTH_CANCER", "cancer" },
    { FASCIA_HEALTH_STOMA, "FASCIA_HEALTH_STOMA", "stoma" },
    { FASCIA_HEALTH_ENDOMETRIOSIS, "FASCIA_HEALTH_ENDOMETRIOSIS", "endometriosis" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_flags_register_static (g_intern_static_string ("FasciaHealthFlags"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
fascia_plan_status_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { FASCIA_PLAN_STATUS_DRAFT, "FASCIA_PLAN_STATUS_DRAFT", "draft" },
    { FASCIA_PLAN_STATUS_ACTIVE, "FASCIA_PLAN_STATUS_ACTIVE", "active" },
    { FASCIA_PLAN_STATUS_COMPLETED, "FASCIA_PLAN_STATUS_COMPLETED", "completed" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("FasciaPlanStatus"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
fascia_pressure_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { FASCIA_PRESSURE_UNSET, "FASCIA_PRESSURE_UNSET", "unset" },
    { FASCIA_PRESSURE_LIGHT, "FASCIA_PRESSURE_LIGHT", "light" },
    { FASCIA_PRESSURE_MODERATE, "FASCIA_PRESSURE_MODERATE", "moderate" },
    { FASCIA_PRESSURE_FIRM, "FASCIA_PRESSURE_FIRM", "firm" },
    { FASCIA_PRESSURE_DEEP, "FASCIA_PRESSURE_DEEP", "deep" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("FasciaPressure"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
fascia_pain_type_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { FASCIA_PAIN_ACHE, "FASCIA_PAIN_ACHE", "ache" },
    { FASCIA_PAIN_SHARP, "FASCIA_PAIN_SHARP", "sharp" },
    { FASCIA_PAIN_BURNING, "FASCIA_PAIN_BURNING", "burning" },
    { FASCIA_PAIN_NUMBNESS, "FASCIA_PAIN_NUMBNESS", "numbness" },
    { FASCIA_PAIN_TINGLING, "FASCIA_PAIN_TINGLING", "tingling" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("FasciaPainType"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
fascia_finding_flags_get_type (void)
{
  static gsize type_id = 0;
  static const GFlagsValue values[] = {
    { FASCIA_FINDING_NONE, "FASCIA_FINDING_NONE", "none" },
    { FASCIA_FINDING_HYPERTONIC, "FASCIA_FINDING_HYPERTONIC", "hypertonic" },
    { FASCIA_FINDING_TRIGGER_POINT, "FASCIA_FINDING_TRIGGER_POINT", "trigger-point" },
    { FASCIA_FINDING_TENDER, "FASCIA_FINDING_TENDER", "tender" },
    { FASCIA_FINDING_SHORT, "FASCIA_FINDING_SHORT", "short" },
    { FASCIA_FINDING_WEAK, "FASCIA_FINDING_WEAK", "weak" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_flags_register_static (g_intern_static_string ("FasciaFindingFlags"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
fascia_visit_field_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { FASCIA_VISIT_FIELD_SUBJECTIVE, "FASCIA_VISIT_FIELD_SUBJECTIVE", "subjective" },
    { FASCIA_VISIT_FIELD_OBJECTIVE, "FASCIA_VISIT_FIELD_OBJECTIVE", "objective" },
    { FASCIA_VISIT_FIELD_ASSESSMENT, "FASCIA_VISIT_FIELD_ASSESSMENT", "assessment" },
    { FASCIA_VISIT_FIELD_PLAN_NOTES, "FASCIA_VISIT_FIELD_PLAN_NOTES", "plan-notes" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("FasciaVisitField"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
fascia_store_table_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { FASCIA_STORE_TABLE_CLIENTS, "FASCIA_STORE_TABLE_CLIENTS", "clients" },
    { FASCIA_STORE_TABLE_PLANS, "FASCIA_STORE_TABLE_PLANS", "plans" },
    { FASCIA_STORE_TABLE_PLAN_TARGETS, "FASCIA_STORE_TABLE_PLAN_TARGETS", "plan-targets" },
    { FASCIA_STORE_TABLE_HOME_EXERCISES, "FASCIA_STORE_TABLE_HOME_EXERCISES", "home-exercises" },
    { FASCIA_STORE_TABLE_VISITS, "FASCIA_STORE_TABLE_VISITS", "visits" },
    { FASCIA_STORE_TABLE_PAIN_MARKS, "FASCIA_STORE_TABLE_PAIN_MARKS", "pain-marks" },
    { FASCIA_STORE_TABLE_FINDINGS, "FASCIA_STORE_TABLE_FINDINGS", "findings" },
    { FASCIA_STORE_TABLE_AMENDMENTS, "FASCIA_STORE_TABLE_AMENDMENTS", "amendments" },
    { FASCIA_STORE_TABLE_STUDY_RESULTS, "FASCIA_STORE_TABLE_STUDY_RESULTS", "study-results" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("FasciaStoreTable"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
fascia_store_change_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { FASCIA_STORE_CHANGE_ADDED, "FASCIA_STORE_CHANGE_ADDED", "added" },
    { FASCIA_STORE_CHANGE_UPDATED, "FASCIA_STORE_CHANGE_UPDATED", "updated" },
    { FASCIA_STORE_CHANGE_DELETED, "FASCIA_STORE_CHANGE_DELETED", "deleted" },
    { FASCIA_STORE_CHANGE_RESTORED, "FASCIA_STORE_CHANGE_RESTORED", "restored" },
    { FASCIA_STORE_CHANGE_RELOAD, "FASCIA_STORE_CHANGE_RELOAD", "reload" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("FasciaStoreChange"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}
