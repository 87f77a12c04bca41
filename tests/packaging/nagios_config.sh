# shellcheck shell=bash disable=SC2154 # work and plugin come from lib.sh
# Writes a minimal Nagios 4 configuration into $work/nagios; sourced by
# the Nagios tests after lib.sh.
#
# write_nagios_config OBJECT_FILE...
#   nagios.cfg runs Nagios as root with every path inside $work/nagios.
#   It reads the templates that the contrib examples expect (generic-host
#   and generic-service, as in the Nagios sample configuration) and the
#   given object files. resource.cfg sets $USER1$ to the plugin's
#   directory and $USER10$ to the token file $work/nagios/lgtm.token.
#   interval_length=1 makes every interval count seconds. Each service
#   result goes to $work/nagios/service-perfdata as
#   "DESCRIPTION<TAB>STATE<TAB>OUTPUT<TAB>PERFDATA".

write_nagios_config() {
    local dir=$work/nagios
    mkdir -p "$dir/checkresults"

    cat >"$dir/templates.cfg" <<'EOF'
define timeperiod {
    timeperiod_name     24x7
    alias               every day
    monday              00:00-24:00
    tuesday             00:00-24:00
    wednesday           00:00-24:00
    thursday            00:00-24:00
    friday              00:00-24:00
    saturday            00:00-24:00
    sunday              00:00-24:00
}

define command {
    command_name        notify-nobody
    command_line        /bin/true
}

define contact {
    contact_name                    nobody
    host_notifications_enabled      0
    service_notifications_enabled   0
    host_notification_period        24x7
    service_notification_period     24x7
    host_notification_options       n
    service_notification_options    n
    host_notification_commands      notify-nobody
    service_notification_commands   notify-nobody
}

define host {
    name                    generic-host
    register                0
    max_check_attempts      1
    check_period            24x7
    contacts                nobody
    notification_period     24x7
    notifications_enabled   0
}

define service {
    name                    generic-service
    register                0
    max_check_attempts      1
    check_interval          2
    retry_interval          1
    check_period            24x7
    contacts                nobody
    notification_period     24x7
    notifications_enabled   0
    process_perf_data       1
}
EOF

    cat >"$dir/resource.cfg" <<EOF
\$USER1\$=$(dirname "$plugin")
\$USER10\$=$dir/lgtm.token
EOF

    {
        echo "cfg_file=$dir/templates.cfg"
        for file in "$@"; do
            echo "cfg_file=$file"
        done
        cat <<EOF
resource_file=$dir/resource.cfg
log_file=$dir/nagios.log
object_cache_file=$dir/objects.cache
precached_object_file=$dir/objects.precache
status_file=$dir/status.dat
status_update_interval=1
temp_file=$dir/nagios.tmp
temp_path=$dir
lock_file=$dir/nagios.pid
query_socket=$dir/nagios.qh
command_file=$dir/nagios.cmd
debug_file=$dir/nagios.debug
debug_level=0
check_result_path=$dir/checkresults
check_result_reaper_frequency=1
state_retention_file=$dir/retention.dat
retain_state_information=0
use_retained_program_state=0
use_retained_scheduling_info=0
nagios_user=root
nagios_group=root
check_external_commands=0
enable_notifications=0
enable_event_handlers=0
execute_host_checks=0
interval_length=1
max_service_check_spread=1
service_inter_check_delay_method=n
service_check_timeout=30
illegal_macro_output_chars=\`~\$&|'"<>
process_performance_data=1
service_perfdata_file=$dir/service-perfdata
service_perfdata_file_mode=a
service_perfdata_file_template=\$SERVICEDESC\$\t\$SERVICESTATE\$\t\$SERVICEOUTPUT\$\t\$SERVICEPERFDATA\$
EOF
    } >"$dir/nagios.cfg"
}
