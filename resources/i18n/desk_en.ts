<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../../src/desk/ui/import_dialog.py" line="157" />
        <source>%n problem(s) found. Nothing was written: correct the file (the list can be saved as an Excel file) and import it again.</source>
        <translation>
            <numerusform>%n problem found. Nothing was written: correct the file (the list can be saved as an Excel file) and import it again.</numerusform>
            <numerusform>%n problems found. Nothing was written: correct the file (the list can be saved as an Excel file) and import it again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/import_dialog.py" line="162" />
        <source>The file is valid: {summary}. %n row(s) look like records already in Desk or pass a limit (see the notes): importing them may make duplicates. Nothing is written until you press Import.</source>
        <translation>
            <numerusform>The file is valid: {summary}. %n row look like records already in Desk or pass a limit (see the notes): importing them may make duplicates. Nothing is written until you press Import.</numerusform>
            <numerusform>The file is valid: {summary}. %n rows look like records already in Desk or pass a limit (see the notes): importing them may make duplicates. Nothing is written until you press Import.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/import_dialog.py" line="199" />
        <source>%n row(s) of the file look like records already in Desk or pass a limit (the notes list them). Importing them may make duplicates.

Import anyway?</source>
        <translation>
            <numerusform>%n row of the file look like records already in Desk or pass a limit (the notes list them). Importing them may make duplicates.

Import anyway?</numerusform>
            <numerusform>%n rows of the file look like records already in Desk or pass a limit (the notes list them). Importing them may make duplicates.

Import anyway?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message numerus="yes">
        <location filename="../../src/desk/ui/import_flow.py" line="146" />
        <source>The import template for «{register}», with %n record(s), was saved:
{path}</source>
        <translation>
            <numerusform>The import template for «{register}», with %n record, was saved:
{path}</numerusform>
            <numerusform>The import template for «{register}», with %n records, was saved:
{path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LegacyDialog</name>
    <message numerus="yes">
        <location filename="../../src/desk/ui/legacy_dialog.py" line="94" />
        <source>Text in this file was typed in the old {encoding} encoding{fonts}: %n cell(s). Desk can convert it to Unicode as the examples below show. Nothing is converted unless you choose to.</source>
        <translation>
            <numerusform>Text in this file was typed in the old {encoding} encoding{fonts}: %n cell. Desk can convert it to Unicode as the examples below show. Nothing is converted unless you choose to.</numerusform>
            <numerusform>Text in this file was typed in the old {encoding} encoding{fonts}: %n cells. Desk can convert it to Unicode as the examples below show. Nothing is converted unless you choose to.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListExport</name>
    <message numerus="yes">
        <location filename="../../src/desk/ui/list_export.py" line="55" />
        <source>The list was saved (%n record(s)):</source>
        <translation>
            <numerusform>The list was saved (%n record):</numerusform>
            <numerusform>The list was saved (%n records):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/list_export.py" line="78" />
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegisterScreen</name>
    <message numerus="yes">
        <location filename="../../src/desk/ui/register_screen.py" line="386" />
        <source>%n record(s) shown</source>
        <translation>
            <numerusform>%n record shown</numerusform>
            <numerusform>%n records shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message numerus="yes">
        <location filename="../../src/desk/ui/reports_screen.py" line="322" />
        <source>%n report(s) overdue</source>
        <translation>
            <numerusform>%n report overdue</numerusform>
            <numerusform>%n reports overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/reports_screen.py" line="322" />
        <source>%n report(s) due now</source>
        <translation>
            <numerusform>%n report due now</numerusform>
            <numerusform>%n reports due now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/reports_screen.py" line="400" />
        <source>%n section(s) of the report text saved.</source>
        <translation>
            <numerusform>%n section of the report text saved.</numerusform>
            <numerusform>%n sections of the report text saved.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message numerus="yes">
        <location filename="../../src/desk/ui/restore_dialog.py" line="92" />
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/restore_dialog.py" line="94" />
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/restore_dialog.py" line="95" />
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffingScreen</name>
    <message numerus="yes">
        <location filename="../../src/desk/ui/staffing_screen.py" line="232" />
        <source>%n over the cap</source>
        <translation>
            <numerusform>%n over the cap</numerusform>
            <numerusform>%n over the cap</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/staffing_screen.py" line="239" />
        <source>%n over the allotment</source>
        <translation>
            <numerusform>%n over the allotment</numerusform>
            <numerusform>%n over the allotment</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message numerus="yes">
        <location filename="../../src/desk/ui/unit_dialog.py" line="114" />
        <source>%n unit(s) match</source>
        <translation>
            <numerusform>%n unit match</numerusform>
            <numerusform>%n units match</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitScreen</name>
    <message numerus="yes">
        <location filename="../../src/desk/ui/visit_screen.py" line="101" />
        <source>Obstacles found during this visit: %n</source>
        <translation>
            <numerusform>Obstacles found during this visit: %n</numerusform>
            <numerusform>Obstacles found during this visit: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkspaceScreens</name>
    <message numerus="yes">
        <location filename="../../src/desk/ui/workspace_screens.py" line="169" />
        <source>The list was saved (%n record(s)):</source>
        <translation>
            <numerusform>The list was saved (%n record):</numerusform>
            <numerusform>The list was saved (%n records):</numerusform>
        </translation>
    </message>
</context>
</TS>