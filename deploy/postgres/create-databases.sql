-- One database per service (docker-compose runs this once, on an empty data volume).
create database complaints;
create database refunds;
create database followups;
create database insights;
