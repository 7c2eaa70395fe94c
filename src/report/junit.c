/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The JUnit XML frame shared by the report writers.
 */
#include "report/junit.h"

#include "core/xalloc.h"
#include "report/escape.h"
#include "core/banned.h"

void report_junit_begin(struct report_junit *j, const char *name)
{
	j->xb = xmlBufferCreate();
	j->w = j->xb ? xmlNewTextWriterMemory(j->xb, 0) : NULL;
	if (!j->w)
		OH_BUG("libxml2 could not create a writer");
	xmlTextWriterSetIndent(j->w, 1);
	xmlTextWriterStartDocument(j->w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(j->w, BAD_CAST "testsuites");
	if (name)
		xmlTextWriterWriteAttribute(j->w, BAD_CAST "name",
					    BAD_CAST name);
}

void report_junit_end(struct report_junit *j, FILE *fp)
{
	xmlTextWriterEndElement(j->w);
	xmlTextWriterEndDocument(j->w);
	xmlFreeTextWriter(j->w);
	fputs((const char *)xmlBufferContent(j->xb), fp);
	xmlBufferFree(j->xb);
	j->w = NULL;
	j->xb = NULL;
}

void report_junit_count(xmlTextWriterPtr w, const char *attr, size_t n)
{
	char v[32];

	snprintf(v, sizeof(v), "%zu", n);
	xmlTextWriterWriteAttribute(w, BAD_CAST attr, BAD_CAST v);
}

const xmlChar *report_junit_text(struct oh_buf *tmp, const char *s)
{
	return (const xmlChar *)report_xml_safe(tmp, s ? s : "");
}
