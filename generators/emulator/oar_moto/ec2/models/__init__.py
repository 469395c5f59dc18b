"""EC2's models, one module per resource family, as in moto.ec2.models; load_models imports each."""
