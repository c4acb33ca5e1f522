package io.reactiveorm.it.crud;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** The entity of the projection and bulk-write tests; salary may be null. */
@Entity
@Table(name = "crud_employees")
class CrudEmployee {

  @Id @GeneratedValue Long id;
  @Column(nullable = false) String name;
  @Column(nullable = false) String department;
  int age;
  @Column(precision = 12, scale = 2) BigDecimal salary;

  CrudEmployee() {}

  CrudEmployee(String name, String department, int age, String salary) {
    this.name = name;
    this.department = department;
    this.age = age;
    this.salary = salary == null ? null : new BigDecimal(salary);
  }
}
