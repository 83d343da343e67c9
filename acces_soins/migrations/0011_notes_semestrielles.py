"""One model for « a note per semester » (issue 18 §2): `NoteSemestrielle`, keyed by content type, replaces
`NoteAvancement` (actions of the feuilles de route) and `CommentaireMesure` (measures of the plan).

Every row and every historical row is copied: an action's notes keep their ids, a measure's comments follow them
(shifted after every id the action notes ever used, history included), so that each history still describes the
note it was about. Nothing is lost; the reverse copies the current rows back.
"""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

NOTE_FIELDS = ["semestre", "texte", "updated_by_id"]


def _content_type(apps, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="acces_soins", model=model)[0]


def _sources(apps):
    """(old model, its historical model, content type, target field, id offset, extra fields) for both kinds."""
    NoteAvancement = apps.get_model("acces_soins", "NoteAvancement")
    HistoricalNoteAvancement = apps.get_model("acces_soins", "HistoricalNoteAvancement")
    CommentaireMesure = apps.get_model("acces_soins", "CommentaireMesure")
    HistoricalCommentaireMesure = apps.get_model("acces_soins", "HistoricalCommentaireMesure")
    used = [
        *NoteAvancement.objects.values_list("id", flat=True),
        *HistoricalNoteAvancement.objects.values_list("id", flat=True),
    ]
    offset = max(used, default=0)
    return [
        (
            NoteAvancement,
            HistoricalNoteAvancement,
            _content_type(apps, "action"),
            "action_id",
            0,
            ["avancement", "statut"],
        ),
        (CommentaireMesure, HistoricalCommentaireMesure, _content_type(apps, "mesure"), "mesure_id", offset, []),
    ]


def _values(row, content_type, target, offset, extra) -> dict:
    values = {name: getattr(row, name) for name in NOTE_FIELDS + extra}
    return {
        **values,
        "id": row.id + offset,
        "content_type_id": content_type.pk,
        "object_id": getattr(row, target),
        "cle": "",
    }


def copy_notes(apps, schema_editor):
    from django.core.management.color import no_style

    Note = apps.get_model("acces_soins", "NoteSemestrielle")
    HistoricalNote = apps.get_model("acces_soins", "HistoricalNoteSemestrielle")
    for old, old_history, content_type, target, offset, extra in _sources(apps):
        for row in old.objects.order_by("pk"):
            Note.objects.create(**_values(row, content_type, target, offset, extra))
            Note.objects.filter(pk=row.id + offset).update(updated_at=row.updated_at)  # auto_now kept as it was
        HistoricalNote.objects.bulk_create(
            HistoricalNote(
                **_values(row, content_type, target, offset, extra),
                updated_at=row.updated_at,
                history_date=row.history_date,
                history_change_reason=row.history_change_reason,
                history_type=row.history_type,
                history_user_id=row.history_user_id,
            )
            for row in old_history.objects.order_by("history_date", "history_id")
        )
    connection = schema_editor.connection
    for sql in connection.ops.sequence_reset_sql(no_style(), [Note]):
        schema_editor.execute(sql)


def copy_back(apps, schema_editor):
    Note = apps.get_model("acces_soins", "NoteSemestrielle")
    for old, _history, content_type, target, _offset, extra in _sources(apps):
        for note in Note.objects.filter(content_type=content_type, cle=""):
            values = {name: getattr(note, name) for name in NOTE_FIELDS + extra}
            if "avancement" in extra:
                values["avancement"] = values["avancement"] or 0
            old.objects.create(**{target: note.object_id}, **values)


class Migration(migrations.Migration):
    dependencies = [
        ("acces_soins", "0010_beat_schedule_bilans_resume"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalNoteSemestrielle",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField(verbose_name="identifiant de l'objet")),
                (
                    "cle",
                    models.CharField(
                        blank=True,
                        help_text="Quand un objet a plusieurs notes par semestre : « departement:37 » (déclinaison d'une mesure, indicateur sur un périmètre).",
                        max_length=40,
                        verbose_name="précision",
                    ),
                ),
                (
                    "semestre",
                    models.CharField(
                        help_text="Par exemple 2026-S1.",
                        max_length=7,
                        validators=[
                            django.core.validators.RegexValidator("^\\d{4}-S[12]$", "Format attendu : 2026-S1.")
                        ],
                        verbose_name="semestre",
                    ),
                ),
                ("texte", models.TextField(blank=True, verbose_name="note")),
                (
                    "avancement",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[django.core.validators.MaxValueValidator(100)],
                        verbose_name="avancement (%)",
                    ),
                ),
                ("statut", models.CharField(blank=True, max_length=20, verbose_name="nouveau statut")),
                (
                    "valeur",
                    models.DecimalField(blank=True, decimal_places=3, max_digits=14, null=True, verbose_name="valeur"),
                ),
                ("secret", models.BooleanField(default=False, verbose_name="secret statistique")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="modifiée le")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
            ],
            options={
                "verbose_name": "historical note semestrielle",
                "verbose_name_plural": "historical notes semestrielles",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="NoteSemestrielle",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField(verbose_name="identifiant de l'objet")),
                (
                    "cle",
                    models.CharField(
                        blank=True,
                        help_text="Quand un objet a plusieurs notes par semestre : « departement:37 » (déclinaison d'une mesure, indicateur sur un périmètre).",
                        max_length=40,
                        verbose_name="précision",
                    ),
                ),
                (
                    "semestre",
                    models.CharField(
                        help_text="Par exemple 2026-S1.",
                        max_length=7,
                        validators=[
                            django.core.validators.RegexValidator("^\\d{4}-S[12]$", "Format attendu : 2026-S1.")
                        ],
                        verbose_name="semestre",
                    ),
                ),
                ("texte", models.TextField(blank=True, verbose_name="note")),
                (
                    "avancement",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[django.core.validators.MaxValueValidator(100)],
                        verbose_name="avancement (%)",
                    ),
                ),
                ("statut", models.CharField(blank=True, max_length=20, verbose_name="nouveau statut")),
                (
                    "valeur",
                    models.DecimalField(blank=True, decimal_places=3, max_digits=14, null=True, verbose_name="valeur"),
                ),
                ("secret", models.BooleanField(default=False, verbose_name="secret statistique")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="modifiée le")),
            ],
            options={
                "verbose_name": "note semestrielle",
                "verbose_name_plural": "notes semestrielles",
                "ordering": ["content_type", "object_id", "cle", "-semestre"],
            },
        ),
        migrations.AddField(
            model_name="historicalnotesemestrielle",
            name="content_type",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="type d'objet",
            ),
        ),
        migrations.AddField(
            model_name="historicalnotesemestrielle",
            name="history_user",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="historicalnotesemestrielle",
            name="updated_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="rédigée par",
            ),
        ),
        migrations.AddField(
            model_name="notesemestrielle",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, to="contenttypes.contenttype", verbose_name="type d'objet"
            ),
        ),
        migrations.AddField(
            model_name="notesemestrielle",
            name="updated_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="rédigée par",
            ),
        ),
        migrations.AddIndex(
            model_name="notesemestrielle",
            index=models.Index(fields=["content_type", "object_id"], name="note_cible_idx"),
        ),
        migrations.AddConstraint(
            model_name="notesemestrielle",
            constraint=models.UniqueConstraint(
                fields=("content_type", "object_id", "cle", "semestre"),
                name="note_unique_cible_semestre",
                violation_error_message="Une note existe déjà pour cet objet et ce semestre.",
            ),
        ),
        migrations.AddConstraint(
            model_name="notesemestrielle",
            constraint=models.CheckConstraint(
                condition=models.Q(("semestre__regex", "^[0-9]{4}-S[12]$")), name="note_semestrielle_format"
            ),
        ),
        migrations.AddConstraint(
            model_name="notesemestrielle",
            constraint=models.CheckConstraint(
                condition=models.Q(("avancement__isnull", True), ("avancement__lte", 100), _connector="OR"),
                name="note_semestrielle_avancement_100",
            ),
        ),
        migrations.AddConstraint(
            model_name="notesemestrielle",
            constraint=models.CheckConstraint(
                condition=models.Q(("secret", False), ("valeur__isnull", True), _connector="OR"),
                name="note_semestrielle_secret_sans_valeur",
            ),
        ),
        migrations.RunPython(copy_notes, copy_back),
        migrations.DeleteModel(
            name="CommentaireMesure",
        ),
        migrations.DeleteModel(
            name="HistoricalCommentaireMesure",
        ),
        migrations.DeleteModel(
            name="HistoricalNoteAvancement",
        ),
        migrations.DeleteModel(
            name="NoteAvancement",
        ),
    ]
