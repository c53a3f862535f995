/* rapport-demo.c
 *
 * Copyright 2026 The Rapport authors
 *
 * This program is free software: you can redistribute it and/or modify it under the terms of the
 * GNU General Public License as published by the Free Software Foundation, either version 3 of the
 * License, or (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without
 * even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU
 * General Public License for more details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-demo.h"
#include "rapport-recurrence.h"

/* The demo journal is content, like a sample document: it stays in English in every locale (it
 * is not marked for translation), and all of it is in the tables below. */

typedef enum
{
  SITE_NONE,
  SITE_BEND,
  SITE_NEW_ORLEANS,
  SITE_DURANGO,
  SITE_PORTLAND,
  N_SITES
} DemoSite;

typedef struct
{
  const char *facility;
  const char *unit;
  const char *city;
  const char *region;
  const char *tz;
  int         starts_in;   /* days from today; negative: in the past */
  int         n_days;
  const char *agency;
  const char *notes;
} DemoAssignment;

/* A thirteen-week contract a season, and a week or six between them. */
static const DemoAssignment demo_assignments[N_SITES] = {
  [SITE_BEND] = {
    "Cascade Valley Medical Center", "Medical ICU", "Bend", "Oregon", "America/Los_Angeles",
    -300, 91, "Summit Travel Nursing",
    "13-week ICU contract, days. Ingrid ran the best orientation I have had as a traveler." },
  [SITE_NEW_ORLEANS] = {
    "Bayou Mercy Hospital", "Step-Down Unit, 4 North", "New Orleans", "Louisiana",
    "America/Chicago", -196, 91, "Summit Travel Nursing",
    "Nights, floating to the ICU about once a week. Ride-out team B for hurricane season." },
  [SITE_DURANGO] = {
    "Alpenglow Regional Medical Center", "Emergency Department", "Durango", "Colorado",
    "America/Denver", -63, 91, "Summit Travel Nursing",
    "13-week ED contract, nights. Charge desk extension 4410. They asked about extending." },
  [SITE_PORTLAND] = {
    "Kestrel Bay Community Hospital", "Cardiac ICU", "Portland", "Maine", "America/New_York",
    42, 91, "Summit Travel Nursing",
    "Days, self-scheduling. Housing through the hospital; orientation starts on a Tuesday." },
};

typedef enum
{
  NOBODY,
  /* Bend */
  INGRID,
  MATEO,
  AMARA,
  HANNAH,
  KENJI,
  LUCIA,
  /* New Orleans */
  CLAUDETTE,
  MAI,
  DARNELL,
  FARAH,
  BEAU,
  ZOE,
  /* Durango */
  JOSE,
  PRIYA,
  DANA,
  TOMASZ,
  AIYANA,
  CHIDI,
  ROSA,
  LIAM,
  KEALA,
  MARGIT,
  YUSUF,
  /* The agency, and the next assignment */
  BETHANY,
  FEMI,
  SIOBHAN,
  N_COLLEAGUES
} DemoColleagueIndex;

typedef struct
{
  const char         *name;
  const char         *role;
  const char         *specialty;
  const char         *organization;
  const char         *email;
  const char         *phone;
  const char         *interests;
  const char         *notes;
  RapportSupportKind  support_kind;
  guint               cadence_days;
  DemoSite            site;
  int                 met_after;       /* days after the assignment started (negative: before) */
  DemoSite            also_site;
  int                 also_met_after;
  int                 birthday_in;     /* days from today, 0 for none or a fixed one */
  int                 birth_year;
  const char         *birthday;        /* a fixed one, or NULL */
} DemoColleague;

static const DemoColleague demo_colleagues[N_COLLEAGUES] = {
  [INGRID] = {
    "Ingrid Solberg", "Charge Nurse", "Medical ICU", "Cascade Valley Medical Center",
    "ingrid.solberg@example.org", "+1 541 555 0131", "Nordic skiing, knitting, true-crime podcasts",
    "Ran my orientation and checked on me every shift the first week without making it feel like "
    "checking. Said to call her before signing any contract with a float clause.",
    RAPPORT_SUPPORT_KIND_MENTOR, 30, SITE_BEND, 0, SITE_NONE, 0, 0, 0, "1979-06-14" },
  [MATEO] = {
    "Mateo Álvarez", "Respiratory Therapist", "Critical Care", "Cascade Valley Medical Center",
    "mateo.alvarez@example.org", "+1 541 555 0147", "Climbing at Smith Rock, salsa dancing",
    "Taught me more about vent waveforms in one night than a semester did. Thinking about travel "
    "RT work himself.",
    RAPPORT_SUPPORT_KIND_FRIEND, 45, SITE_BEND, 1, SITE_NONE, 0, 0, 0, NULL },
  [AMARA] = {
    "Amara Okafor", "Hospitalist", "Internal Medicine", "Cascade Valley Medical Center",
    "amara.okafor@example.org", "", "Jollof cook-offs, marathon training",
    "Always explained the plan at the bedside so the nurses and the family heard it together. "
    "Studying for boards while I was there.",
    RAPPORT_SUPPORT_KIND_PEER, 60, SITE_BEND, 3, SITE_NONE, 0, 0, 0, NULL },
  [HANNAH] = {
    "Hannah Whitaker", "Unit Clerk", "Medical ICU", "Cascade Valley Medical Center",
    "", "+1 541 555 0102", "Quilting, her two corgis",
    "Knows where every form lives and which lot fills first. Brought cookies on my last day.",
    RAPPORT_SUPPORT_KIND_LOCAL_GUIDE, 0, SITE_BEND, 0, SITE_NONE, 0, 0, 0, NULL },
  [KENJI] = {
    "Kenji Watanabe", "Clinical Pharmacist", "Critical Care", "Cascade Valley Medical Center",
    "kenji.watanabe@example.org", "+1 541 555 0188", "Fly fishing, ramen",
    "Made the vancomycin dosing cheat sheet everyone on the unit uses. Answers pages in under a "
    "minute, even at 3 a.m.",
    RAPPORT_SUPPORT_KIND_MENTOR, 90, SITE_BEND, 2, SITE_NONE, 0, 0, 0, NULL },
  [LUCIA] = {
    "Lucía Fernández", "Travel Nurse", "ICU", "Horizon Healthcare Staffing",
    "lucia.fernandez@example.org", "+1 520 555 0119", "Road trips, film photography",
    "Another traveler; we overlapped in Bend and again in New Orleans. The one I ask about "
    "agencies and stipends.",
    RAPPORT_SUPPORT_KIND_PEER, 21, SITE_BEND, 5, SITE_NEW_ORLEANS, 0, 0, 0, NULL },
  [CLAUDETTE] = {
    "Claudette Thibodeaux", "Charge Nurse", "Step-Down", "Bayou Mercy Hospital",
    "claudette.thibodeaux@example.org", "+1 504 555 0163", "Gardening, zydeco, her grandkids",
    "Thirty years on 4 North and calm in every rapid response. Offered to be a reference; her "
    "daughter just started nursing school.",
    RAPPORT_SUPPORT_KIND_MENTOR, 30, SITE_NEW_ORLEANS, 0, SITE_NONE, 0, 0, 0, NULL },
  [MAI] = {
    "Mai Nguyễn", "Registered Nurse", "ICU", "Bayou Mercy Hospital",
    "mai.nguyen@example.org", "+1 504 555 0124", "Bánh mì hunting, bouldering",
    "Applying to CRNA school. We swap essays and podcasts; she runs our travelers' group chat.",
    RAPPORT_SUPPORT_KIND_FRIEND, 14, SITE_NEW_ORLEANS, 1, SITE_NONE, 0, 3, 1992, NULL },
  [DARNELL] = {
    "Darnell Washington", "Respiratory Therapist", "", "Bayou Mercy Hospital",
    "", "+1 504 555 0176", "Brass band trombone, second lines",
    "Had the BiPAP ready before anyone asked. Told me which Sunday parades were worth it.",
    RAPPORT_SUPPORT_KIND_LOCAL_GUIDE, 90, SITE_NEW_ORLEANS, 4, SITE_NONE, 0, 0, 0, NULL },
  [FARAH] = {
    "Farah Haddad", "Intensivist", "Critical Care", "Bayou Mercy Hospital",
    "farah.haddad@example.org", "", "Oud, Lebanese cooking",
    "Talked me through the heparin nomogram at 2 a.m. without making me feel slow. Teaches at "
    "the nursing school on Fridays.",
    RAPPORT_SUPPORT_KIND_MENTOR, 0, SITE_NEW_ORLEANS, 9, SITE_NONE, 0, 0, 0, NULL },
  [BEAU] = {
    "Beau Landry", "Patient Care Tech", "Step-Down", "Bayou Mercy Hospital",
    "beau.landry@example.org", "+1 504 555 0158", "Crawfish boils, LSU football",
    "Hosted the goodbye boil. Knows everybody in the building, including the badge office.",
    RAPPORT_SUPPORT_KIND_FRIEND, 0, SITE_NEW_ORLEANS, 2, SITE_NONE, 0, 0, 0, NULL },
  [ZOE] = {
    "Zoë Dubois", "Travel Nurse", "Cardiac ICU", "Horizon Healthcare Staffing",
    "zoe.dubois@example.org", "", "Surfing, sourdough",
    "Traveler from Québec; we shared the housing lead in the Irish Channel. In Kauaʻi now.",
    RAPPORT_SUPPORT_KIND_PEER, 42, SITE_NEW_ORLEANS, 6, SITE_NONE, 0, 0, 0, NULL },
  [JOSE] = {
    "José Peña", "Charge Nurse", "Emergency", "Alpenglow Regional Medical Center",
    "jose.pena@example.org", "+1 970 555 0142", "Trail running, mole recipes",
    "Paired me with good people on my first nights and then trusted me with fast track. Asked "
    "whether I would extend.",
    RAPPORT_SUPPORT_KIND_MENTOR, 30, SITE_DURANGO, 1, SITE_NONE, 0, 10, 1984, NULL },
  [PRIYA] = {
    "Priya Raman", "Emergency Physician", "Emergency Medicine", "Alpenglow Regional Medical Center",
    "priya.raman@example.org", "+1 720 555 0199", "Chess, Carnatic music",
    "Teaches at the bedside. Showed me her trick for ultrasound-guided IVs.",
    RAPPORT_SUPPORT_KIND_MENTOR, 60, SITE_DURANGO, 1, SITE_NONE, 0, 0, 0, NULL },
  [DANA] = {
    "Dana Whitfield", "Unit Clerk", "Emergency", "Alpenglow Regional Medical Center",
    "dana.whitfield@example.org", "", "Local history, quilting",
    "Sorted my badge access on day one. Keeps the family updates going on busy nights.",
    RAPPORT_SUPPORT_KIND_LOCAL_GUIDE, 0, SITE_DURANGO, 0, SITE_NONE, 0, 0, 0, NULL },
  [TOMASZ] = {
    "Tomasz Kowalczyk", "Pharmacist", "Emergency", "Alpenglow Regional Medical Center",
    "tomasz.kowalczyk@example.org", "+1 970 555 0193", "Pierogi, mountain biking",
    "Caught a dosing error on a sepsis bundle before I hung it. Generous with his time.",
    RAPPORT_SUPPORT_KIND_PEER, 60, SITE_DURANGO, 6, SITE_NONE, 0, 0, 0, NULL },
  [AIYANA] = {
    "Aiyana Begay", "Registered Nurse", "Emergency", "Alpenglow Regional Medical Center",
    "aiyana.begay@example.org", "+1 505 555 0167", "Hiking, weaving, her niece's basketball games",
    "Grew up near Shiprock and knows every trail around here. Taking the charge nurse class in "
    "the spring.",
    RAPPORT_SUPPORT_KIND_FRIEND, 14, SITE_DURANGO, 4, SITE_NONE, 0, 0, 0, NULL },
  [CHIDI] = {
    "Chidi Eze", "Respiratory Therapist", "", "Alpenglow Regional Medical Center",
    "chidi.eze@example.org", "+1 970 555 0115", "Afrobeats, soccer on Sundays",
    "Showed me where the spare circuits live. Brilliant with a difficult airway.",
    RAPPORT_SUPPORT_KIND_PEER, 45, SITE_DURANGO, 2, SITE_NONE, 0, 0, 0, NULL },
  [ROSA] = {
    "Rosa Martínez", "Case Manager", "Emergency", "Alpenglow Regional Medical Center",
    "rosa.martinez@example.org", "+1 970 555 0136", "Gardening, mariachi",
    "Finds beds nobody else can find. Knows every rehab and shelter in the Four Corners.",
    RAPPORT_SUPPORT_KIND_LOCAL_GUIDE, 0, SITE_DURANGO, 13, SITE_NONE, 0, 0, 0, NULL },
  [LIAM] = {
    "Liam O'Connor", "Paramedic", "", "La Plata County EMS",
    "", "+1 970 555 0171", "Ice climbing",
    "Gives the clearest ambulance reports I have heard. Works the ED tech shifts in winter.",
    RAPPORT_SUPPORT_KIND_NONE, 0, SITE_DURANGO, 9, SITE_NONE, 0, 0, 0, NULL },
  [KEALA] = {
    "Keala Kahananui", "Travel Nurse", "Emergency", "Horizon Healthcare Staffing",
    "keala.kahananui@example.org", "+1 808 555 0128", "Outrigger canoe, ukulele",
    "Fellow traveler from Hilo. Brings malasadas to the debrief group.",
    RAPPORT_SUPPORT_KIND_PEER, 21, SITE_DURANGO, 11, SITE_NONE, 0, 0, 0, NULL },
  [MARGIT] = {
    "Margit Horváth", "Nurse Educator", "Emergency", "Alpenglow Regional Medical Center",
    "margit.horvath@example.org", "", "Chamber music, baking",
    "Runs orientation and the Thursday debrief group. Kind and exact.",
    RAPPORT_SUPPORT_KIND_MENTOR, 90, SITE_DURANGO, 0, SITE_NONE, 0, 0, 0, NULL },
  [YUSUF] = {
    "Yusuf Demir", "CT Technologist", "Imaging", "Alpenglow Regional Medical Center",
    "", "+1 970 555 0183", "Photography, Turkish coffee",
    "Kept the CT queue moving with the portable when the scanner went down.",
    RAPPORT_SUPPORT_KIND_NONE, 0, SITE_DURANGO, 18, SITE_NONE, 0, 0, 0, NULL },
  [BETHANY] = {
    "Bethany Clarke", "Recruiter", "", "Summit Travel Nursing",
    "bethany.clarke@example.org", "+1 303 555 0110", "",
    "Straight answers about pay packages. Text before calling; she answers faster.",
    RAPPORT_SUPPORT_KIND_NONE, 30, SITE_NONE, 0, SITE_NONE, 0, 0, 0, NULL },
  [FEMI] = {
    "Olufemi Adeyemi", "Clinical Liaison", "", "Summit Travel Nursing",
    "olufemi.adeyemi@example.org", "+1 303 555 0154", "",
    "Handles competencies and any trouble on a contract. Former ICU nurse himself.",
    RAPPORT_SUPPORT_KIND_NONE, 0, SITE_NONE, 0, SITE_NONE, 0, 0, 0, NULL },
  [SIOBHAN] = {
    "Siobhán Murphy", "Nurse Manager", "Cardiac ICU", "Kestrel Bay Community Hospital",
    "siobhan.murphy@example.org", "+1 207 555 0139", "Sea kayaking",
    "Interviewed me by phone: warm and direct. Her unit does self-scheduling.",
    RAPPORT_SUPPORT_KIND_NONE, 0, SITE_PORTLAND, -63, SITE_NONE, 0, 0, 0, NULL },
};

typedef struct
{
  DemoSite            site;
  RapportTipCategory  category;
  const char         *title;
  const char         *body;
  const char         *address;
  const char         *link;
  DemoColleagueIndex  recommended_by;
  gboolean            tried;
} DemoTip;

static const DemoTip demo_tips[] = {
  { SITE_BEND, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "Badge office",
    "Ground floor by the east entrance, 07:00–15:30 on weekdays. Bring your license and the "
    "agency letter; the photo takes ten minutes.", "", "", HANNAH, TRUE },
  { SITE_BEND, RAPPORT_TIP_CATEGORY_PARKING, "Employee garage, level 3 and up",
    "Levels 1 and 2 are for visitors and they do ticket. Nights can use the surface lot by the "
    "helipad after 18:00.", "", "", HANNAH, TRUE },
  { SITE_BEND, RAPPORT_TIP_CATEGORY_FOOD, "Cafeteria on Fridays",
    "Salmon on Fridays. The hot line closes at 19:00; the grab-and-go fridge is restocked at 01:00 "
    "for nights.", "", "", NOBODY, TRUE },
  { SITE_BEND, RAPPORT_TIP_CATEGORY_COFFEE, "Roaster on Century Drive",
    "Ten minutes from the hospital and open at 06:00, so it works before a day shift.", "", "",
    MATEO, TRUE },
  { SITE_BEND, RAPPORT_TIP_CATEGORY_HOUSING, "Furnished cottage on the west side",
    "Month-to-month; the owner rents to travelers and asks a deposit a stipend can cover. Ask for "
    "the one with the woodstove.", "", "", LUCIA, TRUE },
  { SITE_BEND, RAPPORT_TIP_CATEGORY_GROCERIES, "Market with late hours",
    "Better produce than the big-box stores and open until 23:00.", "", "", NOBODY, TRUE },
  { SITE_BEND, RAPPORT_TIP_CATEGORY_OUTDOORS, "Deschutes River Trail",
    "Flat and shaded, and it starts ten minutes from the hospital. Good for a walk after nights.",
    "", "geo:44.0425,-121.3331", MATEO, TRUE },
  { SITE_BEND, RAPPORT_TIP_CATEGORY_ACTIVITY, "Nordic ski lessons",
    "Weekday group lessons are cheap, and Ingrid says the Tuesday instructor is the patient one.",
    "", "", INGRID, FALSE },
  { SITE_BEND, RAPPORT_TIP_CATEGORY_TRANSIT, "Bus to the hospital",
    "Every 30 minutes on weekdays, but no service after 19:00, so not for nights.", "", "",
    NOBODY, FALSE },
  { SITE_BEND, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "Medication cabinet access",
    "Pharmacy enrolls travelers on day two. Call extension 4455 if your fingerprint will not "
    "enroll.", "", "", KENJI, TRUE },
  { SITE_BEND, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "Timesheets",
    "They go to the staffing office by Monday noon, not to the unit manager.", "", "", HANNAH,
    TRUE },
  { SITE_BEND, RAPPORT_TIP_CATEGORY_LANDMARK, "Pilot Butte at sunset",
    "Drive up or walk the mile-long trail; on a clear day you can see the Three Sisters.", "",
    "", AMARA, TRUE },
  { SITE_BEND, RAPPORT_TIP_CATEGORY_FOOD, "Food carts with heated seating",
    "Open late in summer. The Thai cart is the one.", "", "", MATEO, TRUE },

  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "Badge and parking office",
    "Room B-112 in the basement, 08:00–16:00. They close for lunch from 12:00 to 13:00 and mean "
    "it.", "", "", BEAU, TRUE },
  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_PARKING, "Garage on Napoleon Avenue",
    "The employee garage is full by 06:40. On nights the Napoleon garage is free after 18:30 with "
    "your badge.", "", "", CLAUDETTE, TRUE },
  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_TRANSIT, "St. Charles streetcar",
    "Slow but lovely, stops two blocks from the hospital and runs all night.", "", "", NOBODY,
    TRUE },
  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_FOOD, "Red beans on Mondays",
    "The cafeteria does red beans and rice on Mondays; get there before 12:30.", "", "", MAI,
    TRUE },
  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_FOOD, "Po'boys on Magazine Street",
    "The roast beef debris one. Cash preferred.", "", "", BEAU, TRUE },
  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_COFFEE, "Lobby coffee stand",
    "Chicory café au lait around the clock: the only 3 a.m. coffee worth drinking.", "", "",
    NOBODY, TRUE },
  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_HOUSING, "Shotgun double in the Irish Channel",
    "Furnished, month-to-month, and the landlord is a retired nurse. Window units only, so ask "
    "about the air conditioning.", "", "", ZOE, TRUE },
  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_GROCERIES, "Grocery with a deli counter",
    "Open late, and the boudin at the deli counter is the real thing.", "", "", NOBODY, TRUE },
  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "Hurricane staffing",
    "Travelers sign the ride-out roster in week one. Know whether you are on team A or B.", "",
    "", CLAUDETTE, TRUE },
  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_ACTIVITY, "Second lines on Sundays",
    "The community radio station posts the schedule. Bring water and cash.", "", "", DARNELL,
    FALSE },
  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_OUTDOORS, "Audubon Park loop",
    "1.8 miles under live oaks, flat and busy enough to feel safe for an early run.", "",
    "geo:29.9250,-90.1301", MAI, TRUE },
  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_LANDMARK, "Jazz hall in the Quarter",
    "Go to the early set; the line moves fast.", "", "", FARAH, TRUE },
  { SITE_NEW_ORLEANS, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "Lift team",
    "Extension 5438. On days they come in under 15 minutes.", "", "", DARNELL, TRUE },

  { SITE_DURANGO, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "Badge office",
    "Basement level, next to the cafeteria. Open 07:00–15:00 on weekdays; bring two IDs.", "", "",
    DANA, TRUE },
  { SITE_DURANGO, RAPPORT_TIP_CATEGORY_PARKING, "Lot C after 18:00",
    "Lot A fills up by 06:45; Lot C is free for night shift and has a shuttle.", "", "", DANA,
    TRUE },
  { SITE_DURANGO, RAPPORT_TIP_CATEGORY_FOOD, "Green chile stew on Wednesdays",
    "In the cafeteria. Worth planning a break around.", "", "", TOMASZ, TRUE },
  { SITE_DURANGO, RAPPORT_TIP_CATEGORY_COFFEE, "Drive-through kiosk on the way in",
    "Opens at 05:30, so it works before a day shift and after nights.", "", "", AIYANA, TRUE },
  { SITE_DURANGO, RAPPORT_TIP_CATEGORY_OUTDOORS, "Animas River Trail",
    "Flat and paved for the first few miles, lit in the evening.", "", "geo:37.2753,-107.8801",
    AIYANA, TRUE },
  { SITE_DURANGO, RAPPORT_TIP_CATEGORY_ACTIVITY, "Hot springs an hour east",
    "Weekday mornings are quiet. Bring a towel; theirs cost extra.", "", "", KEALA, TRUE },
  { SITE_DURANGO, RAPPORT_TIP_CATEGORY_HOUSING, "Room in a nurse's house",
    "Quiet street, blackout curtains, and a landlord who knows the night-shift life.", "", "",
    JOSE, TRUE },
  { SITE_DURANGO, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "CT reads after 23:00",
    "They go to teleradiology; call the tech at extension 6120 to hurry one.", "", "", YUSUF,
    FALSE },

  { SITE_PORTLAND, RAPPORT_TIP_CATEGORY_HOUSING, "Traveler apartments",
    "Two hospital units open up in the spring; email staffing early.", "", "", SIOBHAN, FALSE },
  { SITE_PORTLAND, RAPPORT_TIP_CATEGORY_HOSPITAL_LOGISTICS, "First day",
    "Orientation starts on a Tuesday. Bring the BLS and ACLS cards and the flu shot record; the "
    "badge photo is at 07:30.", "", "", SIOBHAN, FALSE },
  { SITE_PORTLAND, RAPPORT_TIP_CATEGORY_TRANSIT, "Ferry to the islands",
    "Twenty minutes from downtown, for days off.", "", "", NOBODY, FALSE },
};

typedef struct
{
  int                     days_ago;   /* 0: two hours before now */
  int                     hour;
  int                     minute;
  RapportInteractionKind  kind;
  DemoSite                site;
  const char             *body;
  DemoColleagueIndex      who[6];     /* up to the first NOBODY */
} DemoEntry;

/* The end of the New Orleans contract, six weeks between contracts, and Durango. */
static const DemoEntry demo_journal[] = {
  { 112, 7, 30, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_NEW_ORLEANS,
    "Two rapid responses before 10. Claudette ran both like it was nothing; Darnell had the BiPAP "
    "set up before I asked.", { CLAUDETTE, DARNELL } },
  { 111, 12, 15, RAPPORT_INTERACTION_KIND_MEAL, SITE_NEW_ORLEANS,
    "Po'boys on Magazine Street. Mai is applying to CRNA school; promised to read her essay.",
    { MAI, ZOE } },
  { 110, 19, 40, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_NEW_ORLEANS,
    "Three admits from the ED. Dr. Haddad talked me through the heparin nomogram without making "
    "me feel slow.", { FARAH, BEAU } },
  { 109, 9, 0, RAPPORT_INTERACTION_KIND_COFFEE, SITE_NEW_ORLEANS,
    "Coffee after handover. Claudette offered to be a reference for the next contract.",
    { CLAUDETTE } },
  { 108, 18, 30, RAPPORT_INTERACTION_KIND_MEAL, SITE_NEW_ORLEANS,
    "Goodbye crawfish boil at Beau's. Everyone signed a card. I am going to miss this unit.",
    { CLAUDETTE, MAI, DARNELL, BEAU, ZOE } },
  { 106, 20, 0, RAPPORT_INTERACTION_KIND_GROUP_CHAT, SITE_NONE,
    "Started a group chat so the three of us keep swapping contract news.", { MAI, ZOE } },
  { 104, 16, 0, RAPPORT_INTERACTION_KIND_CALL, SITE_NONE,
    "Bethany has a Durango ED offer: 13 weeks of nights, starting in six weeks. Said yes.",
    { BETHANY } },
  { 101, 11, 0, RAPPORT_INTERACTION_KIND_MESSAGE, SITE_NONE,
    "Kenji sent the vancomycin cheat sheet he made in Bend. Still the best one I have.",
    { KENJI } },
  { 99, 19, 30, RAPPORT_INTERACTION_KIND_CALL, SITE_NONE,
    "Lucía is in Tucson now. Compared notes on housing stipends.", { LUCIA } },
  { 96, 10, 0, RAPPORT_INTERACTION_KIND_MESSAGE, SITE_NONE,
    "Read Mai's CRNA essay and sent comments. It is good; she undersells her ICU years.",
    { MAI } },
  { 93, 17, 0, RAPPORT_INTERACTION_KIND_CALL, SITE_NONE,
    "Monthly catch-up with Ingrid. Her unit is finally getting the new ventilators.",
    { INGRID } },
  { 90, 14, 0, RAPPORT_INTERACTION_KIND_MEETING, SITE_NONE,
    "Agency check-in with Olufemi about the Durango orientation and the ED competencies.",
    { FEMI } },
  { 87, 20, 15, RAPPORT_INTERACTION_KIND_GROUP_CHAT, SITE_NONE,
    "Zoë got a contract on Kauaʻi. Much rejoicing in the group chat.", { MAI, ZOE } },
  { 86, 12, 0, RAPPORT_INTERACTION_KIND_CALL, SITE_NONE,
    "Mateo called about RT travel jobs in Colorado. Told him what I know about Durango so far.",
    { MATEO } },
  { 81, 9, 30, RAPPORT_INTERACTION_KIND_MESSAGE, SITE_NONE,
    "Claudette wrote that the reference call went well.", { CLAUDETTE } },
  { 79, 18, 0, RAPPORT_INTERACTION_KIND_CALL, SITE_NONE,
    "Amara passed her boards! Long call; she is staying at Cascade Valley as a nocturnist.",
    { AMARA } },
  { 70, 15, 0, RAPPORT_INTERACTION_KIND_MEETING, SITE_NONE,
    "Signed the Alpenglow contract and the housing addendum with Bethany.", { BETHANY } },
  { 67, 19, 0, RAPPORT_INTERACTION_KIND_GROUP_CHAT, SITE_NONE,
    "Added Lucía to the chat. Four travelers in four time zones.", { MAI, ZOE, LUCIA } },
  { 64, 11, 30, RAPPORT_INTERACTION_KIND_CALL, SITE_NONE,
    "Ingrid's advice for a first ED contract: find the charge nurse before you find the break "
    "room.", { INGRID } },
  { 63, 8, 0, RAPPORT_INTERACTION_KIND_MEETING, SITE_DURANGO,
    "Orientation day. Margit walked us through the ED policies; Dana sorted my badge access and "
    "a locker.", { MARGIT, DANA } },
  { 62, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "First night. José put me on Priya's side of the board. Calm shift, good team.",
    { JOSE, PRIYA } },
  { 61, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Chidi showed me where respiratory keeps the spare circuits.", { JOSE, CHIDI } },
  { 60, 7, 45, RAPPORT_INTERACTION_KIND_COFFEE, SITE_DURANGO,
    "Coffee with Aiyana after nights. She grew up near Shiprock and knows every trail around "
    "here.", { AIYANA } },
  { 59, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Tomasz caught a dosing error on a sepsis bundle before I hung it. Thanked him twice.",
    { JOSE, TOMASZ } },
  { 58, 13, 0, RAPPORT_INTERACTION_KIND_MESSAGE, SITE_NONE,
    "Zoë sent photos from the beach. Jealous.", { ZOE } },
  { 57, 19, 30, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Trauma from the highway. Liam's report from the ambulance was perfect.",
    { PRIYA, LIAM, CHIDI } },
  { 56, 8, 15, RAPPORT_INTERACTION_KIND_MEAL, SITE_DURANGO,
    "Breakfast burritos after nights with Aiyana and Keala. Keala is a traveler too, from Hilo.",
    { AIYANA, KEALA } },
  { 55, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Rosa found a rehab bed in Cortez for the patient we were all worried about.",
    { JOSE, ROSA } },
  { 54, 16, 0, RAPPORT_INTERACTION_KIND_PEER_SUPPORT, SITE_DURANGO,
    "Margit's debrief after the pediatric code. Needed that more than I knew.",
    { MARGIT, KEALA, AIYANA } },
  { 53, 10, 0, RAPPORT_INTERACTION_KIND_OTHER, SITE_DURANGO,
    "Hiked Animas Mountain with Aiyana. Snow at the top.", { AIYANA } },
  { 52, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "CT was down for an hour; Yusuf kept the queue moving with the portable.", { DANA, YUSUF } },
  { 50, 18, 30, RAPPORT_INTERACTION_KIND_CALL, SITE_NONE,
    "Lucía is thinking about taking a staff job. Talked it through for an hour.", { LUCIA } },
  { 46, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Two intubations. José put me in charge of fast track for the first time.",
    { JOSE, PRIYA, CHIDI } },
  { 42, 12, 0, RAPPORT_INTERACTION_KIND_MEAL, SITE_DURANGO,
    "Lunch in the cafeteria on green chile stew day.", { TOMASZ, ROSA } },
  { 38, 12, 30, RAPPORT_INTERACTION_KIND_PEER_SUPPORT, SITE_DURANGO,
    "Debrief group again. Keala brought malasadas.", { MARGIT, KEALA } },
  { 35, 9, 0, RAPPORT_INTERACTION_KIND_COFFEE, SITE_DURANGO,
    "Coffee with José. He asked whether I would consider extending.", { JOSE } },
  { 33, 20, 0, RAPPORT_INTERACTION_KIND_GROUP_CHAT, SITE_NONE,
    "Mai got an interview at the CRNA program!", { MAI, ZOE, LUCIA } },
  { 31, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Quiet night for once. Priya taught me her ultrasound IV trick.", { PRIYA, LIAM } },
  { 30, 17, 30, RAPPORT_INTERACTION_KIND_CALL, SITE_NONE,
    "Claudette's daughter started nursing school. Promised to send her my NCLEX notes.",
    { CLAUDETTE } },
  { 28, 10, 0, RAPPORT_INTERACTION_KIND_OTHER, SITE_DURANGO,
    "Hot springs with Keala and Aiyana on our day off.", { KEALA, AIYANA } },
  { 26, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Full waiting room all night. Dana kept the family updates going.", { JOSE, DANA, CHIDI } },
  { 24, 14, 0, RAPPORT_INTERACTION_KIND_MEETING, SITE_NONE,
    "Bethany pitched Kestrel Bay in Maine for after Durango. Asked for the cardiac ICU details.",
    { BETHANY } },
  { 22, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Stroke alert at 2 a.m.; door to CT in 14 minutes.", { PRIYA, YUSUF } },
  { 21, 16, 30, RAPPORT_INTERACTION_KIND_CALL, SITE_PORTLAND,
    "Phone interview with Siobhán, the nurse manager at Kestrel Bay. Warm and direct; her unit "
    "does self-scheduling.", { SIOBHAN } },
  { 20, 8, 0, RAPPORT_INTERACTION_KIND_COFFEE, SITE_DURANGO,
    "Coffee with Aiyana. She is taking the charge nurse class in the spring.", { AIYANA } },
  { 18, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Overdose with a rough airway. Chidi and Tomasz were brilliant.", { JOSE, TOMASZ, CHIDI } },
  { 17, 12, 30, RAPPORT_INTERACTION_KIND_PEER_SUPPORT, SITE_DURANGO,
    "Debrief group. Talked about leaving a unit well.", { MARGIT, KEALA } },
  { 16, 18, 0, RAPPORT_INTERACTION_KIND_MESSAGE, SITE_NONE,
    "Mateo took a contract in Grand Junction! Same state for a few weeks.", { MATEO } },
  { 14, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Ski season has started: three wrist fractures before midnight.", { PRIYA, LIAM, DANA } },
  { 13, 9, 30, RAPPORT_INTERACTION_KIND_MEAL, SITE_DURANGO,
    "Breakfast at the diner on Main with Keala and Rosa.", { KEALA, ROSA } },
  { 12, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "José asked me to precept the new traveler next week.", { JOSE, YUSUF } },
  { 10, 20, 30, RAPPORT_INTERACTION_KIND_CALL, SITE_NONE,
    "Ingrid is coming to a conference in Denver in the spring. Maybe dinner.", { INGRID } },
  { 9, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Precepted the new traveler. Remembered how José did it for me.", { JOSE, PRIYA, CHIDI } },
  { 8, 13, 0, RAPPORT_INTERACTION_KIND_MESSAGE, SITE_NONE,
    "Amara sent a photo of the new ICU wing in Bend.", { AMARA } },
  { 6, 8, 0, RAPPORT_INTERACTION_KIND_COFFEE, SITE_DURANGO,
    "Coffee after nights. Planning one last hike before I leave.", { AIYANA, KEALA } },
  { 5, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Dana reminded me the parking permit form is overdue. Oops.", { JOSE, DANA } },
  { 3, 17, 0, RAPPORT_INTERACTION_KIND_CALL, SITE_NONE,
    "Bethany confirmed the Kestrel Bay start date and the housing in Portland.", { BETHANY } },
  { 2, 19, 0, RAPPORT_INTERACTION_KIND_SHARED_SHIFT, SITE_DURANGO,
    "Good night: everyone went home or upstairs and nobody waited more than an hour.",
    { PRIYA, TOMASZ, LIAM } },
  { 1, 9, 0, RAPPORT_INTERACTION_KIND_COFFEE, SITE_DURANGO,
    "Coffee with José after handover.\nPromised to send him the sepsis bundle article.",
    { JOSE } },
  { 0, 0, 0, RAPPORT_INTERACTION_KIND_GROUP_CHAT, SITE_NONE,
    "Mai got in! The CRNA program starts in the fall.", { MAI, ZOE, LUCIA } },
};

typedef enum
{
  DUE_ON_DAY,         /* days from today, at hour:minute in now's zone */
  DUE_LATER_TODAY,    /* days is the slot: 1 or 2 thirds of the way from now to midnight */
  DUE_AFTER_SITE,     /* repeating: the first occurrence after now of a series that started
                       * days after the assignment ended, at hour:minute in the site's zone */
} DemoDue;

typedef struct
{
  DemoDue             due;
  int                 days;
  int                 hour;
  int                 minute;
  const char         *title;
  const char         *notes;
  DemoColleagueIndex  who;
  DemoSite            site;
  const char         *rrule;
  gboolean            done;
} DemoReminder;

static const DemoReminder demo_reminders[] = {
  { DUE_ON_DAY, -1, 16, 0, "Return the parking permit form",
    "Dana says the office closes at 16:00.", DANA, SITE_DURANGO, "", FALSE },
  { DUE_ON_DAY, -3, 19, 0, "Send my NCLEX notes to Claudette's daughter",
    "The binder scans are in the cloud folder.", CLAUDETTE, SITE_NONE, "", FALSE },
  { DUE_ON_DAY, -2, 9, 0, "Sign this week's timesheet in the agency portal", "", BETHANY,
    SITE_NONE, "", FALSE },
  { DUE_LATER_TODAY, 1, 0, 0, "Send José the sepsis bundle article",
    "The one from the grand rounds handout.", JOSE, SITE_DURANGO, "", FALSE },
  { DUE_LATER_TODAY, 2, 0, 0, "Text Aiyana about Saturday's hike", "", AIYANA, SITE_DURANGO,
    "", FALSE },
  { DUE_ON_DAY, 2, 10, 0, "Call Bethany about the Kestrel Bay housing paperwork", "", BETHANY,
    SITE_PORTLAND, "", FALSE },
  { DUE_ON_DAY, 2, 18, 0, "Mai's birthday card",
    "Mail it by today so it gets to New Orleans in time.", MAI, SITE_NONE, "", FALSE },
  { DUE_ON_DAY, 4, 18, 0, "Write up the precepting checklist",
    "For the next traveler: badge, Lot C, medication cabinet, who to call at night.", JOSE,
    SITE_DURANGO, "", FALSE },
  { DUE_ON_DAY, 14, 9, 30, "Ask Siobhán for the orientation schedule", "", SIOBHAN,
    SITE_PORTLAND, "", FALSE },
  { DUE_ON_DAY, 20, 9, 0, "Renew ACLS before Kestrel Bay",
    "Siobhán needs the card before the first day.", NOBODY, SITE_PORTLAND, "", FALSE },
  { DUE_ON_DAY, 26, 8, 0, "Farewell breakfast for the night crew",
    "The diner on Main; ask Keala to bring the ukulele.", NOBODY, SITE_DURANGO, "", FALSE },
  { DUE_ON_DAY, 35, 12, 0, "Ship the winter box to Portland", "", NOBODY, SITE_PORTLAND, "",
    FALSE },
  { DUE_AFTER_SITE, 14, 17, 0, "Check in with Ingrid", "She likes a call more than a text.",
    INGRID, SITE_BEND, "FREQ=MONTHLY;BYMONTHDAY=5", FALSE },
  { DUE_AFTER_SITE, 7, 18, 0, "Video call with the 4 North crew", "Mai sends the link.", MAI,
    SITE_NEW_ORLEANS, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", FALSE },
  { DUE_AFTER_SITE, 30, 19, 0, "Call Claudette", "", CLAUDETTE, SITE_NEW_ORLEANS,
    "FREQ=MONTHLY;BYDAY=1TU", FALSE },
  { DUE_ON_DAY, -100, 17, 0, "Thank-you cards for the 4 North night crew", "", CLAUDETTE,
    SITE_NEW_ORLEANS, "", TRUE },
};

typedef struct
{
  RapportStore *store;
  GDateTime    *now;
  GDateTime    *today;          /* midnight at the start of now's day, in now's zone */
  gint64        site_ids[N_SITES];
  gint64        colleague_ids[N_COLLEAGUES];
} DemoContext;

static GDateTime *
dup_day (DemoContext *context,
         int          days)
{
  return g_date_time_add_days (context->today, days);
}

static char *
dup_date_string (DemoContext *context,
                 int          days)
{
  g_autoptr(GDateTime) day = dup_day (context, days);

  return g_date_time_format (day, "%Y-%m-%d");
}

static gint64
day_at (DemoContext *context,
        int          days,
        int          hour,
        int          minute)
{
  g_autoptr(GDateTime) day = dup_day (context, days);
  g_autoptr(GDateTime) when = g_date_time_add_full (day, 0, 0, 0, hour, minute, 0);

  return g_date_time_to_unix (when);
}

static gboolean
add_assignments (DemoContext  *context,
                 GError      **error)
{
  for (guint i = SITE_NONE + 1; i < N_SITES; i++)
    {
      const DemoAssignment *demo = &demo_assignments[i];
      g_autoptr(RapportAssignment) assignment = rapport_assignment_new (demo->facility);
      g_autofree char *starts_on = dup_date_string (context, demo->starts_in);
      g_autofree char *ends_on = dup_date_string (context, demo->starts_in + demo->n_days - 1);

      rapport_assignment_set_unit (assignment, demo->unit);
      rapport_assignment_set_city (assignment, demo->city);
      rapport_assignment_set_region (assignment, demo->region);
      rapport_assignment_set_country (assignment, "US");
      rapport_assignment_set_tz (assignment, demo->tz);
      rapport_assignment_set_starts_on (assignment, starts_on);
      rapport_assignment_set_ends_on (assignment, ends_on);
      rapport_assignment_set_agency (assignment, demo->agency);
      rapport_assignment_set_notes (assignment, demo->notes);

      if (!rapport_store_add_assignment (context->store, assignment, error))
        {
          g_prefix_error (error, "%s: ", demo->facility);
          return FALSE;
        }

      context->site_ids[i] = rapport_assignment_get_id (assignment);
    }

  return TRUE;
}

static gboolean
link_colleague (DemoContext  *context,
                guint         index,
                DemoSite      site,
                int           met_after,
                GError      **error)
{
  g_autofree char *met_on = NULL;

  if (site == SITE_NONE)
    return TRUE;

  met_on = dup_date_string (context, demo_assignments[site].starts_in + met_after);

  return rapport_store_link_colleague (context->store, context->colleague_ids[index],
                                       context->site_ids[site], met_on, error);
}

static gboolean
add_colleagues (DemoContext  *context,
                GError      **error)
{
  for (guint i = NOBODY + 1; i < N_COLLEAGUES; i++)
    {
      const DemoColleague *demo = &demo_colleagues[i];
      g_autoptr(RapportColleague) colleague = rapport_colleague_new (demo->name);
      g_autofree char *birthday = NULL;

      rapport_colleague_set_role (colleague, demo->role);
      rapport_colleague_set_specialty (colleague, demo->specialty);
      rapport_colleague_set_organization (colleague, demo->organization);
      rapport_colleague_set_email (colleague, demo->email);
      rapport_colleague_set_phone (colleague, demo->phone);
      rapport_colleague_set_interests (colleague, demo->interests);
      rapport_colleague_set_notes (colleague, demo->notes);
      rapport_colleague_set_support_kind (colleague, demo->support_kind);
      rapport_colleague_set_cadence_days (colleague, demo->cadence_days);

      if (demo->birthday_in != 0)
        {
          g_autoptr(GDateTime) day = dup_day (context, demo->birthday_in);

          /* Birth years are leap years, so a birthday on 29 February is a real date. */
          birthday = g_strdup_printf ("%04d-%02d-%02d", demo->birth_year,
                                      g_date_time_get_month (day),
                                      g_date_time_get_day_of_month (day));
        }
      else
        {
          birthday = g_strdup (demo->birthday);
        }

      if (birthday != NULL)
        rapport_colleague_set_birthday (colleague, birthday);

      if (!rapport_store_add_colleague (context->store, colleague, error))
        {
          g_prefix_error (error, "%s: ", demo->name);
          return FALSE;
        }

      context->colleague_ids[i] = rapport_colleague_get_id (colleague);

      if (!link_colleague (context, i, demo->site, demo->met_after, error) ||
          !link_colleague (context, i, demo->also_site, demo->also_met_after, error))
        {
          g_prefix_error (error, "%s: ", demo->name);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
add_tips (DemoContext  *context,
          GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_tips); i++)
    {
      const DemoTip *demo = &demo_tips[i];
      g_autoptr(RapportTip) tip = rapport_tip_new (context->site_ids[demo->site], demo->category,
                                                   demo->title);

      rapport_tip_set_body (tip, demo->body);
      rapport_tip_set_address (tip, demo->address);
      rapport_tip_set_link (tip, demo->link);
      rapport_tip_set_tried (tip, demo->tried);
      rapport_tip_set_recommended_by (tip, context->colleague_ids[demo->recommended_by]);

      if (!rapport_store_add_tip (context->store, tip, error))
        {
          g_prefix_error (error, "%s: ", demo->title);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
add_journal (DemoContext  *context,
             GError      **error)
{
  gint64 now = g_date_time_to_unix (context->now);

  for (guint i = 0; i < G_N_ELEMENTS (demo_journal); i++)
    {
      const DemoEntry *demo = &demo_journal[i];
      g_autoptr(RapportInteraction) interaction = NULL;
      gint64 ids[G_N_ELEMENTS (demo->who)];
      guint n_ids = 0;
      gint64 occurred_at;

      /* Today's entry is from earlier today, never from later. */
      if (demo->days_ago == 0)
        occurred_at = now - 2 * 60 * 60;
      else
        occurred_at = day_at (context, -demo->days_ago, demo->hour, demo->minute);

      for (guint j = 0; j < G_N_ELEMENTS (demo->who) && demo->who[j] != NOBODY; j++)
        ids[n_ids++] = context->colleague_ids[demo->who[j]];

      interaction = rapport_interaction_new (demo->kind, occurred_at);
      rapport_interaction_set_assignment_id (interaction, context->site_ids[demo->site]);
      rapport_interaction_set_body (interaction, demo->body);
      rapport_interaction_set_colleague_ids (interaction, ids, n_ids);

      if (!rapport_store_add_interaction (context->store, interaction, error))
        {
          g_prefix_error (error, "Journal entry %u: ", i);
          return FALSE;
        }
    }

  return TRUE;
}

/* A slot between now and midnight, on a whole minute, so "today" has something still to come. */
static gint64
later_today (DemoContext *context,
             int          slot)
{
  gint64 now = g_date_time_to_unix (context->now);
  gint64 midnight = day_at (context, 1, 0, 0);
  gint64 when = now + (midnight - now) * slot / 3;

  when -= when % 60;

  return when > now ? when : now + 60;
}

/* The first occurrence after now of a series that started `days` after the assignment's end. */
static gboolean
after_site (DemoContext         *context,
            const DemoReminder  *demo,
            gint64              *due,
            GError             **error)
{
  const DemoAssignment *site = &demo_assignments[demo->site];
  RapportRecurrence rule;
  g_autoptr(GTimeZone) zone = rapport_time_zone_lookup (site->tz);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) anchor = NULL;
  g_autoptr(GDateTime) just_before = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) pending = NULL;

  if (!rapport_recurrence_parse (demo->rrule, &rule, error))
    return FALSE;

  if (zone == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The time zone “%s” is not installed. Install the time zone data "
                     "(tzdata) and try again."),
                   site->tz);
      return FALSE;
    }

  day = dup_day (context, site->starts_in + site->n_days - 1 + demo->days);
  anchor = g_date_time_new (zone, g_date_time_get_year (day), g_date_time_get_month (day),
                            g_date_time_get_day_of_month (day), demo->hour, demo->minute, 0);
  just_before = g_date_time_add_seconds (anchor, -1);
  first = rapport_recurrence_next (&rule, anchor, just_before);
  if (first != NULL)
    pending = rapport_recurrence_next (&rule, first, context->now);

  if (pending == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A repeating reminder of the demo never comes round again."));
      return FALSE;
    }

  *due = g_date_time_to_unix (pending);

  return TRUE;
}

static gboolean
add_reminders (DemoContext  *context,
               GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_reminders); i++)
    {
      const DemoReminder *demo = &demo_reminders[i];
      g_autoptr(RapportReminder) reminder = NULL;
      gint64 due = 0;

      switch (demo->due)
        {
        case DUE_ON_DAY:
          due = day_at (context, demo->days, demo->hour, demo->minute);
          break;

        case DUE_LATER_TODAY:
          due = later_today (context, demo->days);
          break;

        case DUE_AFTER_SITE:
          if (!after_site (context, demo, &due, error))
            {
              g_prefix_error (error, "%s: ", demo->title);
              return FALSE;
            }
          break;

        default:
          g_assert_not_reached ();
        }

      reminder = rapport_reminder_new (demo->title, due);
      rapport_reminder_set_notes (reminder, demo->notes);
      rapport_reminder_set_rrule (reminder, demo->rrule);
      rapport_reminder_set_colleague_id (reminder, context->colleague_ids[demo->who]);
      rapport_reminder_set_assignment_id (reminder, context->site_ids[demo->site]);
      /* A repeating check-in keeps its wall-clock time where the colleague lives. */
      if (demo->due == DUE_AFTER_SITE)
        rapport_reminder_set_tz (reminder, demo_assignments[demo->site].tz);

      if (!rapport_store_add_reminder (context->store, reminder, error) ||
          (demo->done &&
           !rapport_store_complete_reminder (context->store, rapport_reminder_get_id (reminder),
                                             g_date_time_to_unix (context->now), error)))
        {
          g_prefix_error (error, "%s: ", demo->title);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
rapport_demo_fill (RapportStore  *store,
                   GDateTime     *now,
                   GError       **error)
{
  g_autoptr(GDateTime) today = NULL;
  DemoContext context = { 0 };

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  today = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                           g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                           0, 0, 0);

  context.store = store;
  context.now = now;
  context.today = today;

  return add_assignments (&context, error) &&
         add_colleagues (&context, error) &&
         add_tips (&context, error) &&
         add_journal (&context, error) &&
         add_reminders (&context, error);
}
