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

void report_junit_suite(struct report_junit *j, struct oh_buf *tmp,
			const char *name, size_t tests, size_t failures,
			size_t errors, size_t skipped)
{
	xmlTextWriterStartElement(j->w, BAD_CAST "testsuite");
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "name",
				    report_junit_text(tmp, name));
	report_junit_count(j->w, "tests", tests);
	report_junit_count(j->w, "failures", failures);
	report_junit_count(j->w, "errors", errors);
	report_junit_count(j->w, "skipped", skipped);
}

void report_junit_case(struct report_junit *j, struct oh_buf *tmp,
		       const char *classname, const char *name,
		       const char *type, const char *failure, const char *body)
{
	xmlTextWriterStartElement(j->w, BAD_CAST "testcase");
	if (classname)
		xmlTextWriterWriteAttribute(j->w, BAD_CAST "classname",
					    report_junit_text(tmp, classname));
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "name",
				    report_junit_text(tmp, name));
	if (failure) {
		xmlTextWriterStartElement(j->w, BAD_CAST "failure");
		if (type)
			xmlTextWriterWriteAttribute(
				j->w, BAD_CAST "type",
				report_junit_text(tmp, type));
		xmlTextWriterWriteAttribute(j->w, BAD_CAST "message",
					    report_junit_text(tmp, failure));
		if (body)
			xmlTextWriterWriteString(j->w,
						 report_junit_text(tmp, body));
		xmlTextWriterEndElement(j->w);
	}
	xmlTextWriterEndElement(j->w);
}
