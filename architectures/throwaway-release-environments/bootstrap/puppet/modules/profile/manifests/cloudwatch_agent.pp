# @summary The CloudWatch agent: ships the logs on the instance store and publishes memory
# and disk metrics, with the Auto Scaling group name as a dimension.
#
# @param log_group CloudWatch Logs group created by the stack.
# @param instance_store Mount point of the instance store, watched for disk usage.
# @param app_log_dir Directory of the application logs.
class profile::cloudwatch_agent (
  String[1] $log_group = $facts['oar_log_group'],
  String[1] $instance_store = $facts['oar_instance_store'],
  String[1] $app_log_dir = '/var/log/oar/app',
) {
  $home = '/opt/aws/amazon-cloudwatch-agent'
  $config = "${home}/etc/oar.json"

  package { 'amazon-cloudwatch-agent':
    ensure => installed,
  }

  file { $config:
    ensure  => file,
    mode    => '0644',
    content => epp('profile/amazon-cloudwatch-agent.json.epp', {
      'log_group'      => $log_group,
      'instance_store' => $instance_store,
      'app_log_dir'    => $app_log_dir,
    }),
    require => Package['amazon-cloudwatch-agent'],
  }

  exec { 'load the CloudWatch agent configuration':
    command     => "${home}/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${config}",
    refreshonly => true,
    subscribe   => File[$config],
  }

  service { 'amazon-cloudwatch-agent':
    ensure  => running,
    enable  => true,
    require => Exec['load the CloudWatch agent configuration'],
  }
}
