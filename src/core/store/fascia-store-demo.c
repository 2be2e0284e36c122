/* fascia-store-demo.c — a demo clinic to try Fascia with, never mixed into real data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "fascia/fascia-file-utils.h"
#include "fascia-db-sqlite.h"
#include "fascia-store-private.h"

/*
 * Twelve clients of a made-up practice, with low-back and hip cases as a massage therapist
 * sees them: a plan with targets picked from the atlas, home exercises, three to five visits
 * with SOAP notes, pain before and after, body-chart marks and findings. The names are
 * obviously invented; emails are at example.* and phone numbers in the 555-01xx range, which
 * are reserved for fiction. Visits are dated relative to the day the demo is made, so the
 * clinic always looks current.
 */

#define MAX_TARGETS   4
#define MAX_EXERCISES 3
#define MAX_VISITS    5
#define MAX_MARKS     3
#define MAX_FINDINGS  3

typedef struct
{
  const char     *muscle;
  FasciaSide      side;
  const char     *techniques[4];
  FasciaPressure  pressure;
  guint           minutes;
  const char     *notes;
} DemoTarget;

typedef struct
{
  const char *technique;
  guint       sets;
  guint       reps;
  const char *frequency;
  const char *notes;
} DemoExercise;

typedef struct
{
  const char     *view;
  const char     *region;      /* NULL: a point at x, y */
  double          x;
  double          y;
  guint           intensity;
  FasciaPainType  type;
  const char     *note;
} DemoMark;

typedef struct
{
  const char         *muscle;
  FasciaSide          side;
  FasciaFindingFlags  flags;
} DemoFinding;

typedef struct
{
  int          days_ago;
  int          pain_before;
  int          pain_after;
  const char  *subjective;
  const char  *objective;
  const char  *assessment;
  const char  *plan;
  guint        treated;        /* bit i: target i was treated */
  DemoMark     marks[MAX_MARKS];
  DemoFinding  findings[MAX_FINDINGS];
} DemoVisit;

typedef struct
{
  const char        *name;
  const char        *email;
  const char        *phone;
  const char        *date_of_birth;
  FasciaHealthFlags  health;
  const char        *health_notes;
  const char        *notes;
  gboolean           archived;

  const char        *plan_title;
  const char        *goals;
  guint              sessions_per_week;
  guint              weeks;
  FasciaPlanStatus   status;
  const char        *discharge;

  DemoTarget         targets[MAX_TARGETS];
  DemoExercise       exercises[MAX_EXERCISES];
  DemoVisit          visits[MAX_VISITS];

  /* A late correction to the latest visit's assessment, kept as an amendment. */
  const char        *amended_assessment;
} DemoClient;

#define L FASCIA_SIDE_LEFT
#define R FASCIA_SIDE_RIGHT
#define B FASCIA_SIDE_BOTH
#define N FASCIA_SIDE_NONE
#define HYP FASCIA_FINDING_HYPERTONIC
#define TP FASCIA_FINDING_TRIGGER_POINT
#define TEN FASCIA_FINDING_TENDER
#define SHO FASCIA_FINDING_SHORT
#define WEA FASCIA_FINDING_WEAK

static const DemoClient demo_clients[] = {
  {
    "Percival Quagmire-Tumbleweed", "percival.qt@example.org", "555-0101", "1979-04-12",
    FASCIA_HEALTH_NONE, "No medication. Occasional ibuprofen for the back.",
    "Software tester, sits 9 hours a day. Prefers early appointments.", FALSE,
    "Desk-worker low back", "Sit through a 60-minute meeting with pain ≤ 2/10\n"
    "Stand up from the chair without bracing on the desk", 1, 6, FASCIA_PLAN_STATUS_ACTIVE,
    "Two weeks of work days with morning stiffness under 10 minutes",
    {
      { "psoas-major", R, { "psoas-release", "pin-and-stretch" }, FASCIA_PRESSURE_MODERATE, 8,
        "Supine, knees bent; sink in slowly lateral to the rectus sheath" },
      { "quadratus-lumborum", B, { "side-lying-ql-release", "trigger-point-therapy" },
        FASCIA_PRESSURE_FIRM, 10, "Side-lying with a pillow under the waist" },
      { "iliacus", R, { "myofascial-release" }, FASCIA_PRESSURE_MODERATE, 5, NULL },
    },
    {
      { "kneeling-hip-flexor-stretch", 2, 30, "twice a day", "Hold 30 s each side; tuck pelvis" },
      { "glute-bridge", 3, 12, "daily", NULL },
    },
    {
      { 35, 6, 4, "Low back ache across the belt line, worse after long meetings. 6/10 on "
        "standing up.", "Flexed standing posture; R hip flexion contracture (Thomas test +). "
        "QL tender bilaterally, R > L.", "Short R psoas and overworked QL from prolonged sitting.",
        "Psoas and QL release; start hip flexor stretch at home.", 0x3,
        { { "posterior-deep", "m-quadratus-lumborum-r", 0, 0, 6, FASCIA_PAIN_ACHE,
            "Belt line, right" },
          { "anterior", "m-psoas-major-r", 0, 0, 4, FASCIA_PAIN_ACHE, "Deep groin pull" } },
        { { "psoas-major", R, HYP | SHO }, { "quadratus-lumborum", R, TP | TEN },
          { "quadratus-lumborum", L, TEN } } },
      { 28, 5, 3, "Better for two days after the session, then back. Did the stretch most days.",
        "Thomas test: R thigh now 5° off the table. QL trigger point at L3 still active.",
        "Responding; QL the main driver now.", "Same; add glute bridges.", 0x7,
        { { "posterior-deep", "m-quadratus-lumborum-r", 0, 0, 5, FASCIA_PAIN_ACHE, NULL } },
        { { "quadratus-lumborum", R, TP }, { "psoas-major", R, SHO } } },
      { 14, 4, 2, "Made it through a 45-minute meeting with only mild ache.",
        "Standing posture more upright. QL less guarded.", "Good progress toward goals.",
        "Continue; review in two weeks.", 0x3,
        { { "posterior-deep", "m-quadratus-lumborum-r", 0, 0, 3, FASCIA_PAIN_ACHE, NULL } },
        { { "quadratus-lumborum", R, TEN } } },
      { 4, 3, 1, "Only stiff first thing. Sat through the whole quarterly review.",
        "Full hip extension R. No QL trigger points found.", "Nearly at discharge criteria.",
        "One more session, then monthly maintenance.", 0x7,
        { { "posterior-deep", "m-quadratus-lumborum-r", 0, 0, 2, FASCIA_PAIN_ACHE, NULL } },
        { { "quadratus-lumborum", R, FASCIA_FINDING_NONE } } },
    },
    "Nearly at discharge criteria; morning stiffness now about 15 minutes.",
  },
  {
    "Ottoline Fernsby", "ottoline@example.net", "(555) 010-2030", "1991-11-02",
    FASCIA_HEALTH_NONE, NULL, "Half-marathon in eight weeks. Runs four times a week.", FALSE,
    "Runner's lateral hip", "Run 15 km without lateral hip pain\nSingle-leg squat without knee "
    "dropping in", 1, 8, FASCIA_PLAN_STATUS_ACTIVE, "Pain-free long run two weeks in a row",
    {
      { "tensor-fasciae-latae", L, { "trigger-point-therapy", "pin-and-stretch" },
        FASCIA_PRESSURE_FIRM, 6, "Side-lying; strip along the front of the ITB" },
      { "gluteus-medius", L, { "gluteal-work", "trigger-point-therapy" },
        FASCIA_PRESSURE_FIRM, 8, NULL },
      { "gluteus-minimus", L, { "trigger-point-therapy" }, FASCIA_PRESSURE_MODERATE, 4,
        "Refers down the side of the thigh like sciatica; explain that" },
    },
    {
      { "clamshell", 3, 15, "daily", "Band above the knees; do not roll the pelvis back" },
      { "glute-bridge", 3, 10, "daily", "Single-leg once two-leg is easy" },
    },
    {
      { 21, 5, 3, "Outer left hip aches after 8 km, burning by 10 km.", "Trendelenburg + on "
        "the left. Gluteus medius weak 4/5. TFL taut with trigger points.",
        "Weak left gluteus medius, TFL doing its work.", "TFL and glute release; clamshells.",
        0x7,
        { { "lateral", "m-tensor-fasciae-latae-l", 0, 0, 5, FASCIA_PAIN_BURNING,
            "After 10 km" },
          { "lateral", NULL, 210.0, 410.0, 3, FASCIA_PAIN_ACHE, "Side of the thigh" } },
        { { "tensor-fasciae-latae", L, HYP | TP }, { "gluteus-medius", L, WEA | TP },
          { "gluteus-minimus", L, TP } } },
      { 14, 4, 2, "Ran 10 km with ache only at the end.", "Gluteus medius 4+/5.",
        "Strength coming back.", "Same; progress to single-leg bridges.", 0x3,
        { { "lateral", "m-tensor-fasciae-latae-l", 0, 0, 3, FASCIA_PAIN_ACHE, NULL } },
        { { "gluteus-medius", L, WEA } } },
      { 6, 2, 1, "12 km on Sunday, no burning.", "Single-leg squat controlled on the left.",
        "On track.", "Taper sessions to every two weeks.", 0x3,
        { { "lateral", "m-gluteus-medius-l", 0, 0, 2, FASCIA_PAIN_ACHE, NULL } },
        { { "tensor-fasciae-latae", L, TEN } } },
    },
    NULL,
  },
  {
    "Barnaby Thistlewood", "barnaby.t@example.com", "555-0103", "1984-02-19",
    FASCIA_HEALTH_NONE, "Strained back lifting a pallet three years ago; no imaging.",
    "Warehouse team lead; lifts all day.", FALSE,
    "Lifting-related low back", "Lift 20 kg from the floor with pain ≤ 2/10\n"
    "Bend to tie shoes without catching", 2, 4, FASCIA_PLAN_STATUS_ACTIVE,
    "Full shift without pain above 3/10",
    {
      { "lumbar-multifidus", B, { "deep-tissue-massage", "trigger-point-therapy" },
        FASCIA_PRESSURE_FIRM, 10, NULL },
      { "iliocostalis-lumborum", B, { "myofascial-release" }, FASCIA_PRESSURE_MODERATE, 6, NULL },
      { "quadratus-lumborum", L, { "side-lying-ql-release" }, FASCIA_PRESSURE_FIRM, 6, NULL },
    },
    {
      { "bird-dog", 3, 8, "daily", "Slow; keep a cup balanced on the low back" },
      { "dead-bug", 3, 8, "daily", NULL },
    },
    {
      { 18, 7, 4, "Catching pain bending forward since Monday's stock-take. 7/10 with lifting.",
        "Guarded flexion, paraspinals in spasm L4–L5 bilaterally. No leg symptoms; "
        "neuro screen normal.", "Acute-on-chronic mechanical low back pain.",
        "Gentle release; bird-dog. Review in three days.", 0x3,
        { { "posterior-deep", "m-lumbar-multifidus-l", 0, 0, 7, FASCIA_PAIN_SHARP,
            "Catches bending" },
          { "posterior-deep", "m-lumbar-multifidus-r", 0, 0, 6, FASCIA_PAIN_SHARP, NULL } },
        { { "lumbar-multifidus", B, HYP | TEN }, { "iliocostalis-lumborum", B, HYP } } },
      { 15, 5, 3, "Less catching. Back at work on light duties.", "Flexion to mid-shin.",
        "Settling.", "Firmer pressure; add dead bug.", 0x7,
        { { "posterior-deep", "m-lumbar-multifidus-l", 0, 0, 4, FASCIA_PAIN_ACHE, NULL } },
        { { "lumbar-multifidus", L, TP }, { "quadratus-lumborum", L, TEN } } },
      { 8, 3, 2, "Lifted boxes all week, sore by Friday only.", "Flexion to the toes.",
        "Good function.", "Weekly for two more weeks.", 0x5,
        { { "posterior-deep", "m-lumbar-multifidus-l", 0, 0, 3, FASCIA_PAIN_ACHE, NULL } },
        { { "lumbar-multifidus", L, TEN } } },
    },
    NULL,
  },
  {
    "Marigold Puddingstone", "marigold.p@example.org", "555-0104", "1993-07-30",
    FASCIA_HEALTH_PREGNANCY, "28 weeks pregnant (second), uncomplicated; midwife aware.",
    "Side-lying only, pillows between the knees. No deep abdominal work.", FALSE,
    "Pregnancy low back and buttock", "Sleep through the night without hip pain\n"
    "Walk 30 minutes comfortably", 1, 8, FASCIA_PLAN_STATUS_ACTIVE,
    "Comfortable sleep most nights until delivery",
    {
      { "gluteus-medius", B, { "gluteal-work" }, FASCIA_PRESSURE_LIGHT, 10,
        "Side-lying only; light to moderate" },
      { "piriformis", R, { "myofascial-release" }, FASCIA_PRESSURE_LIGHT, 6, NULL },
      { "quadratus-lumborum", B, { "side-lying-ql-release" }, FASCIA_PRESSURE_LIGHT, 8, NULL },
    },
    {
      { "clamshell", 2, 12, "daily", "Side-lying, gentle" },
    },
    {
      { 20, 5, 3, "Ache in the right buttock at night; wakes twice.", "Tender right piriformis "
        "and gluteus medius. Sacroiliac tests comfortable.", "Postural and load-related.",
        "Side-lying glute and QL work.", 0x7,
        { { "posterior-superficial", "m-gluteus-maximus-r", 0, 0, 5, FASCIA_PAIN_ACHE,
            "Worse lying on the left" } },
        { { "piriformis", R, TEN }, { "gluteus-medius", R, HYP } } },
      { 13, 4, 2, "Woke once this week.", "Less tender.", "Improving.", "Continue.", 0x7,
        { { "posterior-superficial", "m-gluteus-maximus-r", 0, 0, 3, FASCIA_PAIN_ACHE, NULL } },
        { { "piriformis", R, TEN } } },
      { 6, 3, 1, "Sleeping well most nights.", "Soft tissue easy.", "Maintaining.",
        "Every two weeks until 36 weeks.", 0x3,
        { { "posterior-superficial", "m-gluteus-medius-r", 0, 0, 2, FASCIA_PAIN_ACHE, NULL } },
        { { "gluteus-medius", R, FASCIA_FINDING_NONE } } },
    },
    NULL,
  },
  {
    "Cornelius Wigglesworth", "cornelius.w@example.net", "555-0105", "1952-09-08",
    FASCIA_HEALTH_OSTEOPOROSIS, "Osteoporosis (DEXA 2022), on alendronate. Wrist fracture 2019.",
    "Light pressure only; no springing over the spine or ribs.", FALSE,
    "Balance and hip strength", "Stand on one leg for 10 s each side\nWalk to the shops "
    "without the stick", 1, 8, FASCIA_PLAN_STATUS_ACTIVE, "Walks to the shops twice a week",
    {
      { "gluteus-medius", B, { "gluteal-work" }, FASCIA_PRESSURE_LIGHT, 10,
        "Light pressure; osteoporosis" },
      { "tensor-fasciae-latae", B, { "myofascial-release" }, FASCIA_PRESSURE_LIGHT, 5, NULL },
    },
    {
      { "clamshell", 2, 10, "daily", "Holding the kitchen counter" },
      { "glute-bridge", 2, 8, "every other day", NULL },
    },
    {
      { 30, 4, 3, "Hips tired after 10 minutes of walking.", "Trendelenburg + both sides; "
        "single-leg stance 3 s.", "Weak hip abductors.", "Gentle release; clamshells.", 0x3,
        { { "lateral", "m-gluteus-medius-l", 0, 0, 4, FASCIA_PAIN_ACHE, NULL } },
        { { "gluteus-medius", B, WEA } } },
      { 16, 3, 2, "Walking 15 minutes.", "Single-leg stance 6 s.", "Stronger.", "Continue.",
        0x3,
        { { "lateral", "m-gluteus-medius-l", 0, 0, 3, FASCIA_PAIN_ACHE, NULL } },
        { { "gluteus-medius", B, WEA } } },
      { 2, 2, 1, "Walked to the shops without the stick on Saturday.",
        "Single-leg stance 9 s left, 8 s right.", "Close to goals.", "Fortnightly.", 0x3,
        { { "lateral", "m-gluteus-medius-l", 0, 0, 2, FASCIA_PAIN_ACHE, NULL } },
        { { "gluteus-medius", L, FASCIA_FINDING_NONE } } },
    },
    NULL,
  },
  {
    "Juniper Quillfeather", "juniper.q@example.com", "555-0106", "1988-05-21",
    FASCIA_HEALTH_NONE, NULL, "Cycles to work, 25 km a day; weekend sportive rider.", FALSE,
    "Cyclist's hip flexors", "Lie flat on the back without low back arching\n"
    "Ride 100 km without front-of-hip pain", 1, 6, FASCIA_PLAN_STATUS_ACTIVE,
    "A 100 km ride without hip pain",
    {
      { "psoas-major", B, { "psoas-release", "pin-and-stretch" }, FASCIA_PRESSURE_MODERATE, 8,
        NULL },
      { "rectus-femoris", B, { "pin-and-stretch", "pnf-stretching" }, FASCIA_PRESSURE_FIRM, 6,
        NULL },
      { "iliacus", B, { "myofascial-release" }, FASCIA_PRESSURE_MODERATE, 5, NULL },
    },
    {
      { "kneeling-hip-flexor-stretch", 2, 45, "after every ride", NULL },
    },
    {
      { 24, 5, 2, "Front of both hips pinch on climbs.", "Thomas test + both sides, rectus "
        "femoris short.", "Tight hip flexors from long hours in the saddle.",
        "Release; stretch after rides.", 0x7,
        { { "anterior", "m-rectus-femoris-l", 0, 0, 4, FASCIA_PAIN_SHARP, "On climbs" },
          { "anterior", "m-iliacus-r", 0, 0, 5, FASCIA_PAIN_ACHE, NULL } },
        { { "psoas-major", B, SHO }, { "rectus-femoris", B, SHO | HYP } } },
      { 10, 3, 1, "Did a hilly 60 km with no pinching.", "Thomas test: near full extension.",
        "Good change.", "Two more sessions.", 0x7,
        { { "anterior", "m-iliacus-r", 0, 0, 2, FASCIA_PAIN_ACHE, NULL } },
        { { "rectus-femoris", L, SHO } } },
    },
    NULL,
  },
  {
    "Hortensia Blunderbuss", "hortensia@example.org", "555-0107", "1958-12-01",
    FASCIA_HEALTH_ANTICOAGULANTS, "On warfarin for atrial fibrillation. Bruises easily.",
    "No deep tissue or sustained trigger-point pressure: light, broad strokes.", FALSE,
    "Buttock pain when sitting", "Sit through a film without shifting\nPain ≤ 2/10 driving",
    1, 6, FASCIA_PLAN_STATUS_ACTIVE, "Drives to her daughter's (90 min) comfortably",
    {
      { "piriformis", L, { "myofascial-release" }, FASCIA_PRESSURE_LIGHT, 8,
        "Anticoagulants: light, broad pressure only" },
      { "gluteus-maximus", L, { "gluteal-work" }, FASCIA_PRESSURE_LIGHT, 8, NULL },
    },
    {
      { "figure-4-piriformis-stretch", 2, 30, "twice a day", "Seated version in the car park" },
    },
    {
      { 19, 6, 4, "Deep left buttock ache after 20 minutes sitting.", "Piriformis tender; "
        "straight-leg raise normal; no numbness.", "Piriformis overactivity with sitting.",
        "Light myofascial work; seated figure-4.", 0x3,
        { { "posterior-deep", "m-piriformis-l", 0, 0, 6, FASCIA_PAIN_ACHE, "Sitting" } },
        { { "piriformis", L, TEN | HYP } } },
      { 12, 4, 3, "Film night was better.", "Less tender; no bruising from last session.",
        "Improving.", "Continue.", 0x3,
        { { "posterior-deep", "m-piriformis-l", 0, 0, 4, FASCIA_PAIN_ACHE, NULL } },
        { { "piriformis", L, TEN } } },
      { 5, 3, 2, "Drove 45 minutes, stopped once.", "Minimal tenderness.", "Good.",
        "Fortnightly.", 0x3,
        { { "posterior-deep", "m-piriformis-l", 0, 0, 3, FASCIA_PAIN_ACHE, NULL } },
        { { "piriformis", L, FASCIA_FINDING_NONE } } },
    },
    NULL,
  },
  {
    "Ignatius Fumblewick", "ignatius.f@example.net", "555-0108", "1961-03-14",
    FASCIA_HEALTH_RED_FLAGS, "Night pain not eased by rest; 5 kg weight loss in two months "
    "without trying.", "Referred to his GP on the first visit; letter given.", FALSE,
    "Referred out: red flags", "See the GP before any treatment", 0, 0,
    FASCIA_PLAN_STATUS_COMPLETED, "GP clearance",
    {
      { "quadratus-lumborum", B, { "red-flags-refer-out" }, FASCIA_PRESSURE_UNSET, 0,
        "No treatment until cleared" },
    },
    { { NULL } },
    {
      { 9, 6, 6, "Constant low back pain, worse at night, wakes him. Lost weight without trying.",
        "Pain unchanged by position. No tenderness that reproduces it.",
        "Red flags: non-mechanical night pain with unexplained weight loss.",
        "No massage today. Referred to GP urgently; letter given.", 0x1,
        { { "posterior-deep", "m-quadratus-lumborum-l", 0, 0, 6, FASCIA_PAIN_ACHE,
            "Constant, worse at night" } },
        { { NULL } } },
    },
    NULL,
  },
  {
    "Philippa Gobstopper", "philippa.g@example.com", "555-0109", "1976-08-25",
    FASCIA_HEALTH_RECENT_SURGERY, "Right hip arthroscopy ten weeks ago; surgeon cleared "
    "soft-tissue work away from the portals.", "Physio twice a month; we coordinate.", FALSE,
    "After hip arthroscopy", "Climb stairs step over step\nWalk 45 minutes", 1, 8,
    FASCIA_PLAN_STATUS_ACTIVE, "Stairs and walking without pain; physio discharge",
    {
      { "gluteus-maximus", R, { "gluteal-work" }, FASCIA_PRESSURE_MODERATE, 8,
        "Stay well clear of the portal scars" },
      { "tensor-fasciae-latae", R, { "myofascial-release" }, FASCIA_PRESSURE_LIGHT, 5, NULL },
      { "rectus-femoris", R, { "muscle-energy-technique" }, FASCIA_PRESSURE_LIGHT, 5, NULL },
    },
    {
      { "glute-bridge", 3, 10, "daily", "As the physio set" },
      { "clamshell", 3, 12, "daily", NULL },
    },
    {
      { 22, 4, 3, "Front of the hip stiff; stairs one at a time.", "Gluteus maximus 4-/5, "
        "TFL guarding.", "Post-operative guarding and weakness.", "Gentle work; bridges.", 0x7,
        { { "anterior", "m-tensor-fasciae-latae-r", 0, 0, 4, FASCIA_PAIN_ACHE, NULL } },
        { { "gluteus-maximus", R, WEA }, { "tensor-fasciae-latae", R, HYP } } },
      { 8, 3, 1, "Stairs step over step going up.", "Gluteus maximus 4/5.", "Progressing.",
        "Continue.", 0x7,
        { { "anterior", "m-tensor-fasciae-latae-r", 0, 0, 2, FASCIA_PAIN_ACHE, NULL } },
        { { "gluteus-maximus", R, WEA } } },
    },
    NULL,
  },
  {
    "Wilberforce Pumpernickel", "wilberforce@example.org", "555-0110", "1969-10-10",
    FASCIA_HEALTH_NONE, NULL, "Plays golf three times a week; right-handed.", FALSE,
    "Golfer's rotational low back", "Full round without back pain\nRotate fully to the left",
    1, 6, FASCIA_PLAN_STATUS_ACTIVE, "Three rounds pain-free",
    {
      { "latissimus-dorsi", L, { "myofascial-release", "pnf-stretching" },
        FASCIA_PRESSURE_MODERATE, 8, NULL },
      { "external-oblique", R, { "myofascial-release" }, FASCIA_PRESSURE_MODERATE, 5, NULL },
      { "serratus-posterior-inferior", L, { "trigger-point-therapy" },
        FASCIA_PRESSURE_MODERATE, 4, NULL },
      { "longissimus-thoracis", B, { "deep-tissue-massage" }, FASCIA_PRESSURE_FIRM, 8, NULL },
    },
    {
      { "ql-side-bend-stretch", 2, 30, "before every round", NULL },
    },
    {
      { 17, 5, 3, "Left low back grabs at the top of the backswing.", "Rotation left limited; "
        "lat and serratus posterior inferior taut on the left.", "Restricted left rotation.",
        "Release lat and SPI; stretch before golf.", 0xF,
        { { "posterior-superficial", "m-latissimus-dorsi-l", 0, 0, 5, FASCIA_PAIN_SHARP,
            "Top of the backswing" } },
        { { "latissimus-dorsi", L, HYP | SHO }, { "serratus-posterior-inferior", L, TP } } },
      { 10, 3, 2, "Played 18 holes, sore after the 14th.", "Rotation near full.", "Improving.",
        "One more session.", 0xD,
        { { "posterior-superficial", "m-latissimus-dorsi-l", 0, 0, 3, FASCIA_PAIN_ACHE, NULL } },
        { { "latissimus-dorsi", L, SHO } } },
      { 3, 2, 1, "Two full rounds this week without pain.", "Full rotation both ways.",
        "Goals met.", "Discharge at next visit if it holds.", 0x9,
        { { "posterior-superficial", NULL, 345.0, 431.8, 1, FASCIA_PAIN_ACHE, "Barely there" } },
        { { NULL } } },
    },
    "Goals met; the ache after the 14th hole has gone too.",
  },
  {
    "Clementine Applebury", "clementine.a@example.net", "555-0111", "1985-01-17",
    FASCIA_HEALTH_NONE, NULL, "Accountant; long days in tax season.", FALSE,
    "Sitting buttock and thigh pain", "Work a full day without tingling down the leg",
    1, 6, FASCIA_PLAN_STATUS_DRAFT, "A week of tax season without leg symptoms",
    {
      { "piriformis", R, { "trigger-point-therapy", "pin-and-stretch" }, FASCIA_PRESSURE_FIRM, 8,
        NULL },
      { "gluteus-minimus", R, { "trigger-point-therapy" }, FASCIA_PRESSURE_FIRM, 5, NULL },
    },
    {
      { "figure-4-piriformis-stretch", 3, 30, "every hour at work", NULL },
    },
    {
      { 2, 5, 3, "Tingling down the back of the right thigh after an hour at the desk.",
        "Piriformis trigger point reproduces the tingling; straight-leg raise 80° without "
        "symptoms; reflexes normal.", "Piriformis and gluteus minimus referral; no nerve "
        "root signs.", "Trigger-point work; hourly stretch. Plan to confirm next visit.", 0x3,
        { { "posterior-deep", "m-piriformis-r", 0, 0, 5, FASCIA_PAIN_TINGLING,
            "Down the back of the thigh" },
          { "posterior-superficial", NULL, 370.5, 584.8, 3, FASCIA_PAIN_TINGLING, NULL } },
        { { "piriformis", R, TP | HYP }, { "gluteus-minimus", R, TP } } },
    },
    NULL,
  },
  {
    "Mortimer Quibble", "mortimer.q@example.com", "555-0112", "1955-06-03",
    FASCIA_HEALTH_NONE, NULL, "Keen gardener. Moved to the coast; seen again only if back.",
    TRUE,
    "Gardener's back spasm", "Weed a bed for an hour\nSleep without waking with spasm", 1, 4,
    FASCIA_PLAN_STATUS_COMPLETED, "An hour of gardening without spasm",
    {
      { "iliocostalis-lumborum", B, { "deep-tissue-massage" }, FASCIA_PRESSURE_FIRM, 10, NULL },
      { "longissimus-thoracis", B, { "myofascial-release" }, FASCIA_PRESSURE_MODERATE, 6, NULL },
    },
    {
      { "bird-dog", 2, 10, "daily", NULL },
    },
    {
      { 120, 7, 4, "Spasm after a day of weeding.", "Erector spinae in spasm L1–L4.",
        "Acute muscle spasm.", "Release; heat at home.", 0x3,
        { { "posterior-superficial", "m-iliocostalis-lumborum-r", 0, 0, 7, FASCIA_PAIN_SHARP,
            NULL } },
        { { "iliocostalis-lumborum", B, HYP }, { "longissimus-thoracis", B, HYP } } },
      { 106, 3, 1, "Much better; gardening in short bursts.", "Tone normal.", "Resolved.",
        "Discharged.", 0x3,
        { { "posterior-superficial", "m-iliocostalis-lumborum-r", 0, 0, 2, FASCIA_PAIN_ACHE,
            NULL } },
        { { NULL } } },
    },
    NULL,
  },
};

#undef L
#undef R
#undef B
#undef N

static char *
date_days_ago (GDateTime *now,
               int        days)
{
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static gboolean
add_demo_client (FasciaStore       *store,
                 const DemoClient  *d,
                 GDateTime         *now,
                 GError           **error)
{
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(FasciaVisit) latest = NULL;
  gint64 target_ids[MAX_TARGETS] = { 0 };
  int first_visit_days = d->visits[0].days_ago;
  g_autofree char *start = date_days_ago (now, first_visit_days);
  g_autofree char *end = NULL;

  fascia_client_set_name (client, d->name);
  fascia_client_set_email (client, d->email);
  fascia_client_set_phone (client, d->phone);
  fascia_client_set_date_of_birth (client, d->date_of_birth);
  fascia_client_set_health_flags (client, d->health);
  fascia_client_set_health_notes (client, d->health_notes);
  fascia_client_set_notes (client, d->notes);
  if (!fascia_store_add_client (store, client, error))
    return FALSE;

  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, d->plan_title);
  fascia_plan_set_goals (plan, d->goals);
  fascia_plan_set_sessions_per_week (plan, d->sessions_per_week);
  fascia_plan_set_weeks (plan, d->weeks);
  fascia_plan_set_status (plan, d->status);
  fascia_plan_set_start_date (plan, start);
  if (d->status == FASCIA_PLAN_STATUS_COMPLETED)
    {
      int last = 0;

      for (guint v = 0; v < MAX_VISITS && d->visits[v].subjective != NULL; v++)
        last = d->visits[v].days_ago;
      end = date_days_ago (now, last);
      fascia_plan_set_end_date (plan, end);
    }
  fascia_plan_set_discharge_criteria (plan, d->discharge);
  if (!fascia_store_add_plan (store, plan, error))
    return FALSE;

  for (guint t = 0; t < MAX_TARGETS && d->targets[t].muscle != NULL; t++)
    {
      const DemoTarget *dt = &d->targets[t];
      g_autoptr(FasciaPlanTarget) target = fascia_plan_target_new ();

      fascia_plan_target_set_plan_id (target, fascia_plan_get_id (plan));
      fascia_plan_target_set_muscle_id (target, dt->muscle);
      fascia_plan_target_set_side (target, dt->side);
      fascia_plan_target_set_technique_ids (target, dt->techniques);
      fascia_plan_target_set_pressure (target, dt->pressure);
      fascia_plan_target_set_duration_minutes (target, dt->minutes);
      fascia_plan_target_set_notes (target, dt->notes);
      if (!fascia_store_add_plan_target (store, target, error))
        return FALSE;
      target_ids[t] = fascia_plan_target_get_id (target);
    }

  for (guint e = 0; e < MAX_EXERCISES && d->exercises[e].technique != NULL; e++)
    {
      const DemoExercise *de = &d->exercises[e];
      g_autoptr(FasciaHomeExercise) exercise = fascia_home_exercise_new ();

      fascia_home_exercise_set_plan_id (exercise, fascia_plan_get_id (plan));
      fascia_home_exercise_set_technique_id (exercise, de->technique);
      fascia_home_exercise_set_sets (exercise, de->sets);
      fascia_home_exercise_set_reps (exercise, de->reps);
      fascia_home_exercise_set_frequency (exercise, de->frequency);
      fascia_home_exercise_set_notes (exercise, de->notes);
      if (!fascia_store_add_home_exercise (store, exercise, error))
        return FALSE;
    }

  for (guint v = 0; v < MAX_VISITS && d->visits[v].subjective != NULL; v++)
    {
      const DemoVisit *dv = &d->visits[v];
      g_autoptr(FasciaVisit) visit = fascia_visit_new ();
      g_autoptr(GDateTime) day = g_date_time_add_days (now, -dv->days_ago);
      g_autoptr(GDateTime) at = g_date_time_new_utc (g_date_time_get_year (day),
                                                     g_date_time_get_month (day),
                                                     g_date_time_get_day_of_month (day),
                                                     9 + (int) (v % 8), 0, 0);
      gint64 treated[MAX_TARGETS];
      gsize n_treated = 0;

      for (guint t = 0; t < MAX_TARGETS; t++)
        if ((dv->treated & (1u << t)) && target_ids[t] != 0)
          treated[n_treated++] = target_ids[t];

      fascia_visit_set_client_id (visit, fascia_client_get_id (client));
      fascia_visit_set_plan_id (visit, fascia_plan_get_id (plan));
      fascia_visit_set_visited_at (visit, at);
      fascia_visit_set_subjective (visit, dv->subjective);
      fascia_visit_set_objective (visit, dv->objective);
      fascia_visit_set_assessment (visit, dv->assessment);
      fascia_visit_set_plan_notes (visit, dv->plan);
      fascia_visit_set_pain_before (visit, dv->pain_before);
      fascia_visit_set_pain_after (visit, dv->pain_after);
      fascia_visit_set_treated_target_ids (visit, treated, n_treated);
      if (!fascia_store_add_visit (store, visit, error))
        return FALSE;

      for (guint m = 0; m < MAX_MARKS && dv->marks[m].view != NULL; m++)
        {
          const DemoMark *dm = &dv->marks[m];
          g_autoptr(FasciaPainMark) mark = fascia_pain_mark_new ();

          fascia_pain_mark_set_visit_id (mark, fascia_visit_get_id (visit));
          fascia_pain_mark_set_view_id (mark, dm->view);
          fascia_pain_mark_set_region_id (mark, dm->region);
          fascia_pain_mark_set_x (mark, dm->x);
          fascia_pain_mark_set_y (mark, dm->y);
          fascia_pain_mark_set_intensity (mark, dm->intensity);
          fascia_pain_mark_set_pain_type (mark, dm->type);
          fascia_pain_mark_set_note (mark, dm->note);
          if (!fascia_store_add_pain_mark (store, mark, error))
            return FALSE;
        }

      for (guint f = 0; f < MAX_FINDINGS && dv->findings[f].muscle != NULL; f++)
        {
          const DemoFinding *df = &dv->findings[f];
          g_autoptr(FasciaFinding) finding = NULL;

          finding = fascia_store_set_finding_flags (store, fascia_visit_get_id (visit),
                                                    df->muscle, df->side, df->flags, error);
          if (finding == NULL)
            return FALSE;
        }

      g_set_object (&latest, visit);
    }

  if (d->amended_assessment != NULL &&
      !fascia_store_update_visit_field (store, fascia_visit_get_id (latest),
                                        FASCIA_VISIT_FIELD_ASSESSMENT, d->amended_assessment,
                                        error))
    return FALSE;

  if (d->archived &&
      !fascia_store_set_client_archived (store, fascia_client_get_id (client), TRUE, error))
    return FALSE;

  return TRUE;
}

static gboolean
mark_as_demo (FasciaStore  *store,
              GError      **error)
{
  static const char sql[] = "INSERT INTO meta (key, value) VALUES ('demo', '1') "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
  g_autoptr(FasciaStoreStmt) stmt = NULL;

  if (!fascia_store_begin (store, error) || !fascia_store_lock_bulk (store, error))
    return FALSE;

  stmt = fascia_store_prepare (store, sql, error);
  if (stmt == NULL || !fascia_store_step_done (store, stmt, error))
    {
      fascia_store_rollback (store);
      return FALSE;
    }

  return fascia_store_commit (store, error);
}

/**
 * fascia_store_create_demo:
 * @path: where to write the demo clinic
 * @error: return location for a #GError
 *
 * Writes a demo clinic of a dozen clients with plans, targets, home exercises, visits,
 * body-chart marks, findings and an amendment, as `fascia --create-demo PATH` does. An
 * earlier demo at @path is replaced; any other file there is refused with
 * %FASCIA_STORE_ERROR_EXISTS, so a real database is never overwritten. The demo is built
 * beside @path and moved into place only when complete.
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_create_demo (const char  *path,
                          GError     **error)
{
  return fascia_store_create_demo_full (path, 0, error);
}

/**
 * fascia_store_create_demo_full:
 * @n_more_clients: how many made-up clients to add to the dozen, for a clinic-sized demo;
 *   the first of them has 500 visits
 *
 * As fascia_store_create_demo(), with @n_more_clients more clients in one transaction.
 *
 * Returns: %TRUE on success.
 */
static const char *side_suffixes[] = { "-wal", "-shm" };

/* Whether the database holds any client, plan or visit, deleted or not. */
static gboolean
holds_records (FasciaStore  *store,
               gboolean     *found,
               GError      **error)
{
  static const char sql[] = "SELECT EXISTS (SELECT 1 FROM clients) OR "
                            "EXISTS (SELECT 1 FROM plans) OR EXISTS (SELECT 1 FROM visits)";
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (store, sql, error);

  if (stmt == NULL || !fascia_store_step_row (store, stmt, error))
    return FALSE;

  *found = fascia_db_column_int64 (stmt, 0) != 0;
  return TRUE;
}

/* On a clinic server the demo goes into an empty database, never over a clinic's records
 * (nor over an earlier demo: a server database is not a file to replace). */
static gboolean
create_demo_on_server (const char  *conninfo,
                       guint        n_more_clients,
                       GError     **error)
{
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GDateTime) now = NULL;
  gboolean found = TRUE;

  store = fascia_store_open_full (conninfo, FASCIA_STORE_OPEN_NO_BACKUP, error);
  if (store == NULL || !holds_records (store, &found, error))
    return FALSE;

  if (found)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS,
                   "The clinic database “%s” already holds records; the demo goes only into "
                   "an empty database", fascia_store_get_path (store));
      return FALSE;
    }

  now = g_date_time_new_now_utc ();
  for (guint i = 0; i < G_N_ELEMENTS (demo_clients); i++)
    if (!add_demo_client (store, &demo_clients[i], now, error))
      return FALSE;

  if (n_more_clients > 0 && !fascia_store_add_demo_crowd (store, n_more_clients, error))
    return FALSE;

  if (!mark_as_demo (store, error))
    return FALSE;

  fascia_store_close (store);
  return TRUE;
}

gboolean
fascia_store_create_demo_full (const char  *path,
                               guint        n_more_clients,
                               GError     **error)
{
  /* Declared first so that it is freed last, after the store has closed its file. */
  g_autoptr(FasciaFileWriter) writer = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (fascia_store_is_server_database (path))
    return create_demo_on_server (path, n_more_clients, error);

  if (g_file_test (path, G_FILE_TEST_EXISTS) && !fascia_db_sqlite_is_demo_file (path))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS,
                   "“%s” exists and is not a Fascia demo; choose another file for the demo",
                   path);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                   "Could not create the folder “%s”: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* The demo is built in a fresh temporary file beside @path (never through a link) and
   * renamed into place only when whole; the writer removes it on any failure. */
  writer = fascia_file_writer_new (path, FASCIA_FILE_WRITE_PRIVATE, error);
  if (writer == NULL)
    return FALSE;

  store = fascia_store_open_full (fascia_file_writer_get_temp_path (writer),
                                  FASCIA_STORE_OPEN_NO_BACKUP, error);
  if (store == NULL)
    return FALSE;

  /* A file that is renamed into place only when whole needs no sync on every commit. */
  fascia_db_sqlite_set_unsynced (fascia_store_get_db (store));

  now = g_date_time_new_now_utc ();
  for (guint i = 0; i < G_N_ELEMENTS (demo_clients); i++)
    if (!add_demo_client (store, &demo_clients[i], now, error))
      return FALSE;

  if (n_more_clients > 0 && !fascia_store_add_demo_crowd (store, n_more_clients, error))
    return FALSE;

  if (!mark_as_demo (store, error))
    return FALSE;

  /* Closing checkpoints the write-ahead log into the file and removes it. */
  fascia_store_close (store);
  g_clear_object (&store);

  for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
    {
      g_autofree char *side_file = g_strconcat (path, side_suffixes[i], NULL);

      g_unlink (side_file);
    }

  return fascia_file_writer_commit (writer, error);
}
