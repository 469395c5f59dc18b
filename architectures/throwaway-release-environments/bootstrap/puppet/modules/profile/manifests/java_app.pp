# @summary The application as a systemd service that writes only to the instance store.
#
# The boot script bind-mounts /opt/oar and /var/log from the instance store, so the JAR, its
# temporary files and its logs never touch EBS.
#
# @param artifact_url s3 or https URL of the executable JAR; empty runs a placeholder that
#   answers the health check path.
# @param port Port the process listens on; only the load balancer may reach it.
# @param health_check_path Path the load balancer probes.
# @param region Region for the AWS CLI that fetches an s3 artifact.
# @param release Name of the release environment (the --env name), for the application to report.
# @param build_number Build number of the release, from the buildNumber parameter.
# @param git_commit Git commit of the release, from the gitCommit parameter.
# @param heap_percent Share of the instance memory for the JVM heap.
# @param app_dir Home of the application, on the instance store.
# @param tmp_dir java.io.tmpdir and the health probe file, on the instance store.
# @param log_dir Application logs, shipped by the CloudWatch agent.
class profile::java_app (
  String $artifact_url = String($facts['oar_app_artifact_url'].lest || { '' }),
  Integer[1024, 65535] $port = Integer($facts['oar_app_port']),
  String[1] $health_check_path = $facts['oar_health_check_path'],
  String[1] $region = $facts['oar_region'],
  String[1] $release = $facts['oar_release'],
  String[1] $build_number = $facts['oar_build_number'],
  String[1] $git_commit = $facts['oar_git_commit'],
  Integer[10, 90] $heap_percent = 70,
  String[1] $app_dir = '/opt/oar/app',
  String[1] $tmp_dir = '/opt/oar/tmp',
  String[1] $log_dir = '/var/log/oar/app',
) {
  group { 'app':
    ensure => present,
    system => true,
  }

  user { 'app':
    ensure     => present,
    system     => true,
    gid        => 'app',
    home       => $app_dir,
    shell      => '/sbin/nologin',
    managehome => false,
  }

  file { [$app_dir, $tmp_dir, $log_dir]:
    ensure => directory,
    owner  => 'app',
    group  => 'app',
    mode   => '0750',
  }

  if $artifact_url == '' {
    file { "${app_dir}/placeholder.py":
      ensure => file,
      source => 'puppet:///modules/profile/placeholder.py',
      mode   => '0644',
    }
    $exec_start = "/usr/bin/python3 -u ${app_dir}/placeholder.py"
    $artifact = File["${app_dir}/placeholder.py"]
  } else {
    $jar = "${app_dir}/app.jar"
    $download = $artifact_url ? {
      /\As3:\/\// => "aws s3 cp --only-show-errors ${shellquote($artifact_url)} ${shellquote("${jar}.part")}",
      default     => "curl -fsSL -o ${shellquote("${jar}.part")} ${shellquote($artifact_url)}",
    }
    exec { 'fetch application artifact':
      command     => "${download} && chown app:app ${shellquote("${jar}.part")} && mv ${shellquote("${jar}.part")} ${shellquote($jar)}",
      provider    => shell,
      creates     => $jar,
      environment => ["AWS_DEFAULT_REGION=${region}"],
      tries       => 3,
      try_sleep   => 10,
      require     => File[$app_dir],
    }
    $exec_start = "/usr/bin/java -XX:MaxRAMPercentage=${heap_percent} -Djava.io.tmpdir=${tmp_dir} -jar ${jar}"
    $artifact = Exec['fetch application artifact']
  }

  file { '/etc/oar':
    ensure => directory,
    mode   => '0755',
  }

  file { '/etc/oar/app.env':
    ensure  => file,
    mode    => '0644',
    content => @("ENV"),
      APP_PORT=${port}
      SERVER_PORT=${port}
      HEALTH_CHECK_PATH=${health_check_path}
      PROBE_DIR=${tmp_dir}
      RELEASE_NAME=${release}
      BUILD_NUMBER=${build_number}
      GIT_COMMIT=${git_commit}
      | ENV
  }

  file { '/etc/systemd/system/oar-app.service':
    ensure  => file,
    mode    => '0644',
    content => epp('profile/oar-app.service.epp', {
      'exec_start' => $exec_start,
      'app_dir'    => $app_dir,
      'log_dir'    => $log_dir,
    }),
  }

  exec { 'reload systemd units for oar-app':
    command     => 'systemctl daemon-reload',
    refreshonly => true,
    subscribe   => File['/etc/systemd/system/oar-app.service'],
  }

  file { '/etc/logrotate.d/oar-app':
    ensure  => file,
    mode    => '0644',
    content => epp('profile/logrotate.epp', { 'log_dir' => $log_dir }),
  }

  # Not enabled: after a reboot the instance store is empty until this class has run again,
  # and the boot script runs it at every boot, so Puppet, not systemd, starts the service.
  service { 'oar-app':
    ensure    => running,
    enable    => false,
    require   => [$artifact, File[$tmp_dir, $log_dir], Exec['reload systemd units for oar-app']],
    subscribe => File['/etc/oar/app.env', '/etc/systemd/system/oar-app.service'],
  }
}
