# @summary A Java web node: Corretto, the application on the instance store, and log shipping.
class role::java_web {
  include profile::base
  include profile::java
  include profile::java_app
  include profile::cloudwatch_agent

  Class['profile::java'] -> Class['profile::java_app']
}
