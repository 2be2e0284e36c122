/* fascia-fhir-private.h — names shared by the FHIR exporter and importer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia/fascia-fhir.h"

G_BEGIN_DECLS

#define FHIR_EXT(name)  FASCIA_FHIR_BASE "StructureDefinition/" name
#define FHIR_LOINC      "http://loinc.org"
#define FHIR_SNOMED     "http://snomed.info/sct"
#define FHIR_PAIN_CODE  "72514-3"

/* A Provenance's agent for an amendment whose author was not kept (before schema 9). */
#define FASCIA_FHIR_UNKNOWN_AUTHOR "The therapist who keeps the record"

/* The largest bundle fascia_fhir_import() reads. */
#define FHIR_MAX_SIZE   (256 * 1024 * 1024)

const char *fascia_fhir_snomed_for_muscle (const char *muscle_id,
                                           const char **display);

G_END_DECLS
