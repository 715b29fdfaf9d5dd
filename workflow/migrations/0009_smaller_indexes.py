"""Issue 15: the transition log's package and decree indexes cover only the rows that have one.

Most transitions go through no package and enact no decree: at 4 million log rows the two full
indexes were 27 MB each, almost all of it NULLs, updated on every transition. A partial index
serves `package = X` and `decree = X` (and PROTECT's check on delete) the same way.
"""


import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('submissions', '0014_content_sets'),
        ('workflow', '0008_event_feed'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='transitionlog',
            name='decree',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='workflow.decree', verbose_name='keputusan penetapan'),
        ),
        migrations.AlterField(
            model_name='transitionlog',
            name='package',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='workflow.consultationpackage', verbose_name='paket konsultasi'),
        ),
        migrations.AddIndex(
            model_name='transitionlog',
            index=models.Index(condition=models.Q(('package__isnull', False)), fields=['package'], name='transitionlog_package'),
        ),
        migrations.AddIndex(
            model_name='transitionlog',
            index=models.Index(condition=models.Q(('decree__isnull', False)), fields=['decree'], name='transitionlog_decree'),
        ),
    ]
