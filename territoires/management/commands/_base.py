"""Shared output for the import commands: progress, summary table, errors."""

from django.core.management.base import BaseCommand, CommandError

from territoires.importers import ImportFailed, ImportReport


class ImportCommand(BaseCommand):
    def run_import(self, function, **kwargs) -> ImportReport:
        try:
            report = function(progress=self.progress, **kwargs)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(f"  - {error}")
            raise CommandError(f"{exc} La base de données n'a pas été modifiée.") from exc
        for name, counts in report.counts.items():
            self.stdout.write(
                f"{name:<14} créés : {counts.created:>6}   mis à jour : {counts.updated:>6}   "
                f"inchangés : {counts.unchanged:>6}"
            )
        for note in report.notes:
            self.stdout.write(note)
        self.stdout.write(self.style.SUCCESS("Import terminé."))
        return report

    def progress(self, message: str) -> None:
        self.stdout.write(f"… {message}")
