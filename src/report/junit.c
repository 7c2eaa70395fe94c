/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The JUnit XML frame shared by the report writers (junit.h).
 */
#include "report/junit.h"

#include <string.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "report/escape.h"
#include "core/banned.h"

void report_junit_begin(struct report_junit *j, const char *package,
			int64_t when)
{
	char t[32];

	memset(j, 0, sizeof(*j));
	snprintf(j->package, sizeof(j->package), "%s",
		 package ? package : "osshealth");
	/* oh_time_format() gives "...Z"; Ant's timestamp has no zone. */
	oh_time_format(t, sizeof(t), when != 0 ? when : oh_now());
	snprintf(j->timestamp, sizeof(j->timestamp), "%.19s", t);
	j->xb = xmlBufferCreate();
	j->w = j->xb ? xmlNewTextWriterMemory(j->xb, 0) : NULL;
	if (!j->w)
		OH_BUG("libxml2 could not create a writer");
	xmlTextWriterSetIndent(j->w, 1);
	xmlTextWriterStartDocument(j->w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(j->w, BAD_CAST "testsuites");
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

/* Ant wants a non-empty token where Jenkins takes any string. */
static const xmlChar *token(struct oh_buf *tmp, const char *s,
			    const char *fallback)
{
	const char *p = s ? s : "";

	p += strspn(p, " \t\r\n");
	return report_junit_text(tmp, *p != '\0' ? s : fallback);
}

static void properties(struct report_junit *j, struct oh_buf *tmp,
		       const char *const *props)
{
	xmlTextWriterStartElement(j->w, BAD_CAST "properties");
	for (size_t i = 0; props && props[i]; i += 2) {
		xmlTextWriterStartElement(j->w, BAD_CAST "property");
		xmlTextWriterWriteAttribute(j->w, BAD_CAST "name",
					    token(tmp, props[i], "property"));
		xmlTextWriterWriteAttribute(
			j->w, BAD_CAST "value",
			report_junit_text(tmp, props[i + 1]));
		xmlTextWriterEndElement(j->w);
	}
	xmlTextWriterEndElement(j->w);
}

void report_junit_suite(struct report_junit *j, struct oh_buf *tmp,
			const char *name, size_t tests, size_t failures,
			size_t errors, size_t skipped, const char *const *props)
{
	xmlTextWriterStartElement(j->w, BAD_CAST "testsuite");
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "name",
				    token(tmp, name, "unnamed"));
	report_junit_count(j->w, "tests", tests);
	report_junit_count(j->w, "failures", failures);
	report_junit_count(j->w, "errors", errors);
	report_junit_count(j->w, "skipped", skipped);
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "time", BAD_CAST "0");
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "timestamp",
				    BAD_CAST j->timestamp);
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "hostname",
				    BAD_CAST "localhost");
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "package",
				    report_junit_text(tmp, j->package));
	report_junit_count(j->w, "id", j->next_id++);
	properties(j, tmp, props);
}

void report_junit_suite_end(struct report_junit *j, struct oh_buf *tmp,
			    const char *out)
{
	xmlTextWriterStartElement(j->w, BAD_CAST "system-out");
	if (out && out[0] != '\0')
		xmlTextWriterWriteString(j->w, report_junit_text(tmp, out));
	xmlTextWriterEndElement(j->w);
	xmlTextWriterStartElement(j->w, BAD_CAST "system-err");
	xmlTextWriterEndElement(j->w);
	xmlTextWriterEndElement(j->w);
}

static void case_open(struct report_junit *j, struct oh_buf *tmp,
		      const char *classname, const char *name)
{
	xmlTextWriterStartElement(j->w, BAD_CAST "testcase");
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "classname",
				    token(tmp, classname, j->package));
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "name",
				    token(tmp, name, "unnamed"));
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "time", BAD_CAST "0");
}

/* <failure> or <error>: type (required by Ant), message, body. */
static void outcome(struct report_junit *j, struct oh_buf *tmp,
		    const char *element, const char *type, const char *message,
		    const char *body)
{
	xmlTextWriterStartElement(j->w, BAD_CAST element);
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "type",
				    token(tmp, type, element));
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "message",
				    report_junit_text(tmp, message));
	if (body && body[0] != '\0')
		xmlTextWriterWriteString(j->w, report_junit_text(tmp, body));
	xmlTextWriterEndElement(j->w);
}

void report_junit_case(struct report_junit *j, struct oh_buf *tmp,
		       const char *classname, const char *name,
		       const char *type, const char *failure, const char *body)
{
	case_open(j, tmp, classname, name);
	if (failure)
		outcome(j, tmp, "failure", type, failure, body);
	xmlTextWriterEndElement(j->w);
}

void report_junit_error(struct report_junit *j, struct oh_buf *tmp,
			const char *classname, const char *name,
			const char *type, const char *message, const char *body)
{
	case_open(j, tmp, classname, name);
	outcome(j, tmp, "error", type, message ? message : "", body);
	xmlTextWriterEndElement(j->w);
}

void report_junit_skipped(struct report_junit *j, struct oh_buf *tmp,
			  const char *classname, const char *name,
			  const char *message)
{
	case_open(j, tmp, classname, name);
	xmlTextWriterStartElement(j->w, BAD_CAST "skipped");
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "message",
				    report_junit_text(tmp, message));
	xmlTextWriterEndElement(j->w);
	xmlTextWriterEndElement(j->w);
}
